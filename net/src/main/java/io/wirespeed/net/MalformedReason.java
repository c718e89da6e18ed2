package io.wirespeed.net;

/**
 * Why {@link PacketParser} marked a frame {@link PacketType#MALFORMED}: indexes of its counters.
 * The inner frame of a tunnel is judged by the same reasons.
 */
public final class MalformedReason {
    /** Shorter than an Ethernet header, or than the VLAN tag(s) its ether type announces. */
    public static final int L2_TRUNCATED = 0;
    /**
     * An IPv4 header that is truncated (fewer than 20 bytes, or IHL × 4 past the end) or bad
     * (version not 4, IHL below 5, total length below IHL × 4 or beyond the frame).
     */
    public static final int IPV4_HEADER = 1;
    /** An IPv6 header that is truncated (fewer than 40 bytes, payload length beyond the frame) or not version 6. */
    public static final int IPV6_HEADER = 2;
    /** An extension-header chain longer than {@link Ipv6ExtensionWalker#MAX_HEADERS} or running past the IPv6 payload. */
    public static final int IPV6_EXTENSION_CHAIN = 3;
    /**
     * A TCP, UDP, SCTP or ICMP header (or the VXLAN header after UDP port 4789) that does not fit
     * in the IP payload, or a TCP data offset below 5 or past the payload.
     */
    public static final int L4_TRUNCATED = 4;
    /** How many reasons there are. */
    public static final int COUNT = 5;

    private static final String[] NAMES = {
        "l2_truncated", "ipv4_header", "ipv6_header", "ipv6_extension_chain", "l4_truncated"
    };

    private MalformedReason() {}

    /** A short snake_case name for statistics, e.g. {@code ipv4_header}. */
    public static String name(int reason) {
        if (reason < 0 || reason >= COUNT) {
            throw new IllegalArgumentException("no malformed reason " + reason + " (valid: 0.." + (COUNT - 1) + ")");
        }
        return NAMES[reason];
    }
}
