package io.wirespeed.classify.rss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which packets RSS hashes and over which fields, in testpmd's words ({@code port config all rss
 * ...} and the {@code types} of an rte_flow RSS action): {@code ipv4}, {@code ipv4-tcp},
 * {@code ipv4-udp}, {@code ipv6}, {@code ipv6-tcp}, {@code ipv6-udp}, and the groups {@code ip}
 * (ipv4 + ipv6), {@code tcp} (ipv4-tcp + ipv6-tcp), {@code udp} (ipv4-udp + ipv6-udp) and
 * {@code none}.
 *
 * <p>Field selection follows the NICs that take these flags per packet type (ixgbe's MRQC, and
 * Microsoft's NDIS hash types): a TCP packet is hashed over its 4-tuple when the TCP type of its
 * IP version is on, otherwise over its addresses when that IP version's plain type is on,
 * otherwise not at all; UDP likewise; any other IP packet (and a fragment, whose ports are not
 * known) over its addresses when the plain type is on. Immutable.
 */
public final class RssHashTypes {
    /** Hash IPv4 packets over their addresses. */
    public static final int IPV4 = 1;
    /** Hash IPv4 TCP packets over addresses and ports. */
    public static final int IPV4_TCP = 1 << 1;
    /** Hash IPv4 UDP packets over addresses and ports. */
    public static final int IPV4_UDP = 1 << 2;
    /** Hash IPv6 packets over their addresses. */
    public static final int IPV6 = 1 << 3;
    /** Hash IPv6 TCP packets over addresses and ports. */
    public static final int IPV6_TCP = 1 << 4;
    /** Hash IPv6 UDP packets over addresses and ports. */
    public static final int IPV6_UDP = 1 << 5;

    /** IP protocol numbers, as in the IPv4 protocol and IPv6 next-header fields. */
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    private static final String[] WORDS = {
        "ipv4", "ipv4-tcp", "ipv4-udp", "ipv6", "ipv6-tcp", "ipv6-udp", "ip", "tcp", "udp", "none"};
    private static final int[] FLAGS = {
        IPV4, IPV4_TCP, IPV4_UDP, IPV6, IPV6_TCP, IPV6_UDP, IPV4 | IPV6, IPV4_TCP | IPV6_TCP,
        IPV4_UDP | IPV6_UDP, 0};

    /** Hash nothing. */
    public static final RssHashTypes NONE = new RssHashTypes(0);
    /** ip, tcp and udp: what testpmd and most NICs enable by default. */
    public static final RssHashTypes DEFAULT = new RssHashTypes(IPV4 | IPV4_TCP | IPV4_UDP | IPV6 | IPV6_TCP | IPV6_UDP);

    private final int flags;

    private RssHashTypes(int flags) {
        this.flags = flags;
    }

    /** The types of these flag bits ({@link #IPV4} etc.). */
    public static RssHashTypes of(int flags) {
        if ((flags & ~DEFAULT.flags) != 0) {
            throw new IllegalArgumentException("unknown RSS type bits 0x" + Integer.toHexString(flags & ~DEFAULT.flags));
        }
        return new RssHashTypes(flags);
    }

    /**
     * Parses words separated by commas and/or spaces ({@code "ipv4-tcp,ipv4-udp"}, {@code "ip tcp"}).
     * An empty string, like {@code none}, means no hashing.
     */
    public static RssHashTypes parse(String words) {
        String trimmed = words.strip();
        return trimmed.isEmpty() ? NONE : parse(Arrays.asList(trimmed.split("[,\\s]+")));
    }

    /** Parses a list of words; the union of what they name. */
    public static RssHashTypes parse(List<String> words) {
        int f = 0;
        for (String w : words) {
            f |= flagsOf(w);
        }
        return new RssHashTypes(f);
    }

    private static int flagsOf(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < WORDS.length; i++) {
            if (WORDS[i].equals(w)) {
                return FLAGS[i];
            }
        }
        throw new IllegalArgumentException("unknown RSS hash type '" + word + "'; expected one of "
                + String.join(", ", WORDS));
    }

    /** The flag bits. */
    public int flags() {
        return flags;
    }

    /** Whether every bit of {@code flag} is on. */
    public boolean contains(int flag) {
        return (flags & flag) == flag;
    }

    /**
     * Which fields of an IPv4 packet carrying {@code l4Protocol} to hash; pass -1 for a fragment
     * (no ports to read). Allocates nothing.
     */
    public RssInput ipv4Input(int l4Protocol) {
        return select(l4Protocol, IPV4, IPV4_TCP, IPV4_UDP);
    }

    /** Which fields of an IPv6 packet carrying {@code l4Protocol} to hash (-1 for a fragment). */
    public RssInput ipv6Input(int l4Protocol) {
        return select(l4Protocol, IPV6, IPV6_TCP, IPV6_UDP);
    }

    private RssInput select(int l4Protocol, int plain, int tcp, int udp) {
        if ((l4Protocol == PROTO_TCP && (flags & tcp) != 0) || (l4Protocol == PROTO_UDP && (flags & udp) != 0)) {
            return RssInput.ADDRESSES_AND_PORTS;
        }
        return (flags & plain) != 0 ? RssInput.ADDRESSES : RssInput.NONE;
    }

    /** The words, one per flag, in a form {@link #parse(String)} reads back ({@code none} when empty). */
    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            if ((flags & FLAGS[i]) != 0) {
                out.add(WORDS[i]);
            }
        }
        return out.isEmpty() ? "none" : String.join(",", out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RssHashTypes t && t.flags == flags;
    }

    @Override
    public int hashCode() {
        return flags;
    }
}
