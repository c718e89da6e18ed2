package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getI32;
import static io.wirespeed.net.NetworkOrder.getI64;
import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getU8;
import static io.wirespeed.net.NetworkOrder.setU16;
import static io.wirespeed.net.NetworkOrder.setU8;

import java.lang.foreign.MemorySegment;

/**
 * The Internet checksum (RFC 1071) over segment ranges, for IPv4 headers and for UDP, TCP and
 * ICMP over IPv4 and IPv6, and its incremental update (RFC 1624). Static and allocation-free.
 *
 * <p>A <em>sum</em> is the raw one's-complement accumulation of 16-bit big-endian words, kept
 * unfolded in a long so that sums of several ranges and a pseudo-header can be added; {@link #fold}
 * reduces it to 16 bits and a <em>checksum</em> is the complement of that. Ranges that are summed
 * separately and added must start at even distances from each other; only the last may be odd.
 *
 * <p>The {@code compute} methods assume the headers they are given are well formed (a builder's);
 * the {@code valid} methods are safe on received bytes: lengths that do not fit give false.
 */
public final class Checksums {
    private static final long LOW32 = 0xffff_ffffL;

    private Checksums() {}

    /**
     * The one's-complement sum of {@code length} bytes at {@code offset}, unfolded; a trailing odd
     * byte counts as the high byte of a word. Eight bytes at a time, added as two 32-bit halves so
     * that no carry is lost (good for ranges below 8 GiB).
     */
    public static long sum(MemorySegment s, long offset, long length) {
        long acc = 0;
        long at = offset;
        long end = offset + length;
        while (at <= end - 32) {
            long a = getI64(s, at);
            long b = getI64(s, at + 8);
            long c = getI64(s, at + 16);
            long d = getI64(s, at + 24);
            acc += (a >>> 32) + (a & LOW32) + (b >>> 32) + (b & LOW32)
                    + (c >>> 32) + (c & LOW32) + (d >>> 32) + (d & LOW32);
            at += 32;
        }
        while (at <= end - 8) {
            long a = getI64(s, at);
            acc += (a >>> 32) + (a & LOW32);
            at += 8;
        }
        if (at <= end - 4) {
            acc += getI32(s, at) & LOW32;
            at += 4;
        }
        if (at <= end - 2) {
            acc += getU16(s, at);
            at += 2;
        }
        if (at < end) {
            acc += getU8(s, at) << 8;
        }
        return acc;
    }

    /** Folds a sum to 16 bits with end-around carries (0 only for a sum of zero words). */
    public static int fold(long sum) {
        sum = (sum & LOW32) + (sum >>> 32);
        sum = (sum & LOW32) + (sum >>> 32);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        return (int) sum;
    }

    /** The checksum of a range: the complement of its folded sum. */
    public static int checksum(MemorySegment s, long offset, long length) {
        return ~fold(sum(s, offset, length)) & 0xffff;
    }

    // ---- IPv4 header ----------------------------------------------------------------------------

    /** The checksum the IPv4 header at {@code ip} should carry (its checksum field taken as 0). */
    public static int ipv4HeaderChecksum(MemorySegment s, long ip) {
        int headerLength = (getU8(s, ip) & 0xf) << 2;
        long sum = sum(s, ip, 10) + sum(s, ip + 12, headerLength - 12);
        return ~fold(sum) & 0xffff;
    }

    /** Computes and stores the IPv4 header checksum. */
    public static void setIpv4HeaderChecksum(MemorySegment s, long ip) {
        setU16(s, ip + 10, ipv4HeaderChecksum(s, ip));
    }

    /** True when the IPv4 header at {@code ip} has IHL ≥ 5, lies in the segment and its checksum is right. */
    public static boolean ipv4HeaderValid(MemorySegment s, long ip) {
        if (!fits(s, ip, 1)) {
            return false;
        }
        int headerLength = (getU8(s, ip) & 0xf) << 2;
        return headerLength >= Ipv4Header.MIN_LENGTH && fits(s, ip, headerLength)
                && fold(sum(s, ip, headerLength)) == 0xffff;
    }

    // ---- pseudo-headers -------------------------------------------------------------------------

    /** The sum of the IPv4 pseudo-header: addresses, protocol and upper-layer length. */
    public static long ipv4PseudoHeaderSum(int source, int destination, int protocol, int length) {
        return (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff)
                + protocol + length;
    }

    /** The sum of the IPv6 pseudo-header, addresses taken from the fixed header at {@code ip}. */
    public static long ipv6PseudoHeaderSum(MemorySegment s, long ip, int protocol, long length) {
        return sum(s, ip + 8, 32) + (length >>> 16) + (length & 0xffff) + protocol;
    }

    // ---- UDP, TCP, ICMP -----------------------------------------------------------------------------

    /**
     * The checksum of an upper-layer message of {@code length} bytes at {@code l4} whose checksum
     * field sits {@code checksumAt} bytes in (an even number), with the given pseudo-header sum.
     */
    public static int l4Checksum(long pseudoHeaderSum, MemorySegment s, long l4, int length, int checksumAt) {
        long sum = pseudoHeaderSum + sum(s, l4, checksumAt) + sum(s, l4 + checksumAt + 2, length - checksumAt - 2);
        return ~fold(sum) & 0xffff;
    }

    /** The UDP checksum to store for the datagram at {@code udp} (length from its header) in the IPv4 packet at {@code ip}; never 0. */
    public static int udpIpv4Checksum(MemorySegment s, long ip, long udp) {
        int length = getU16(s, udp + 4);
        int c = l4Checksum(ipv4Pseudo(s, ip, IpProtocols.UDP, length), s, udp, length, 6);
        return c == 0 ? 0xffff : c;
    }

    /** The TCP checksum for the segment at {@code tcp}, which runs to the end of the IPv4 packet at {@code ip}. */
    public static int tcpIpv4Checksum(MemorySegment s, long ip, long tcp) {
        int length = (int) (ip + getU16(s, ip + 2) - tcp);
        return l4Checksum(ipv4Pseudo(s, ip, IpProtocols.TCP, length), s, tcp, length, 16);
    }

    /** The UDP checksum to store for the datagram at {@code udp} in the IPv6 packet at {@code ip}; never 0. */
    public static int udpIpv6Checksum(MemorySegment s, long ip, long udp) {
        int length = getU16(s, udp + 4);
        int c = l4Checksum(ipv6PseudoHeaderSum(s, ip, IpProtocols.UDP, length), s, udp, length, 6);
        return c == 0 ? 0xffff : c;
    }

    /** The TCP checksum for the segment at {@code tcp}, which runs to the end of the IPv6 packet at {@code ip}. */
    public static int tcpIpv6Checksum(MemorySegment s, long ip, long tcp) {
        int length = ipv6End(s, ip, tcp);
        return l4Checksum(ipv6PseudoHeaderSum(s, ip, IpProtocols.TCP, length), s, tcp, length, 16);
    }

    /** The ICMP (IPv4) checksum of the {@code length}-byte message at {@code icmp}: no pseudo-header. */
    public static int icmpChecksum(MemorySegment s, long icmp, int length) {
        return l4Checksum(0, s, icmp, length, 2);
    }

    /** The ICMPv6 checksum of the message at {@code icmp}, which runs to the end of the IPv6 packet at {@code ip}. */
    public static int icmpv6Checksum(MemorySegment s, long ip, long icmp) {
        int length = ipv6End(s, ip, icmp);
        return l4Checksum(ipv6PseudoHeaderSum(s, ip, IpProtocols.ICMPV6, length), s, icmp, length, 2);
    }

    /** True when the UDP datagram's checksum is right, or 0 (none sent, allowed over IPv4); false when its length does not fit. */
    public static boolean udpIpv4Valid(MemorySegment s, long ip, long udp) {
        if (!fits(s, ip, Ipv4Header.MIN_LENGTH) || !fits(s, udp, UdpHeader.LENGTH)) {
            return false;
        }
        int length = getU16(s, udp + 4);
        if (length < UdpHeader.LENGTH || !fits(s, udp, length)) {
            return false;
        }
        return getU16(s, udp + 6) == 0
                || fold(ipv4Pseudo(s, ip, IpProtocols.UDP, length) + sum(s, udp, length)) == 0xffff;
    }

    /** True when the TCP segment (to the end of the IPv4 packet) has the right checksum. */
    public static boolean tcpIpv4Valid(MemorySegment s, long ip, long tcp) {
        if (!fits(s, ip, Ipv4Header.MIN_LENGTH)) {
            return false;
        }
        long length = ip + getU16(s, ip + 2) - tcp;
        return length >= TcpHeader.MIN_LENGTH && fits(s, tcp, length)
                && fold(ipv4Pseudo(s, ip, IpProtocols.TCP, (int) length) + sum(s, tcp, length)) == 0xffff;
    }

    /** True when the UDP datagram's checksum is right (0 is not allowed over IPv6); false when its length does not fit. */
    public static boolean udpIpv6Valid(MemorySegment s, long ip, long udp) {
        if (!fits(s, ip, Ipv6Header.LENGTH) || !fits(s, udp, UdpHeader.LENGTH)) {
            return false;
        }
        int length = getU16(s, udp + 4);
        return length >= UdpHeader.LENGTH && fits(s, udp, length) && getU16(s, udp + 6) != 0
                && fold(ipv6PseudoHeaderSum(s, ip, IpProtocols.UDP, length) + sum(s, udp, length)) == 0xffff;
    }

    /** True when the TCP segment (to the end of the IPv6 packet) has the right checksum. */
    public static boolean tcpIpv6Valid(MemorySegment s, long ip, long tcp) {
        if (!fits(s, ip, Ipv6Header.LENGTH)) {
            return false;
        }
        long length = ipv6End(s, ip, tcp);
        return length >= TcpHeader.MIN_LENGTH && fits(s, tcp, length)
                && fold(ipv6PseudoHeaderSum(s, ip, IpProtocols.TCP, length) + sum(s, tcp, length)) == 0xffff;
    }

    private static long ipv4Pseudo(MemorySegment s, long ip, int protocol, int length) {
        return ipv4PseudoHeaderSum(getI32(s, ip + 12), getI32(s, ip + 16), protocol, length);
    }

    private static int ipv6End(MemorySegment s, long ip, long l4) {
        return (int) (ip + Ipv6Header.LENGTH + getU16(s, ip + 4) - l4);
    }

    private static boolean fits(MemorySegment s, long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= s.byteSize() - length;
    }

    // ---- incremental update (RFC 1624) ---------------------------------------------------------

    /**
     * The checksum after one 16-bit word it covers changed from {@code oldWord} to {@code newWord}:
     * RFC 1624's HC' = ~(~HC + ~m + m'). (A UDP checksum of 0, "none", must be left alone.)
     */
    public static int update16(int checksum, int oldWord, int newWord) {
        int sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        return ~sum & 0xffff;
    }

    /** The checksum after a 32-bit value it covers (an IPv4 address, a port pair) changed. */
    public static int update32(int checksum, int oldValue, int newValue) {
        int sum = (~checksum & 0xffff) + (~oldValue >>> 16) + (~oldValue & 0xffff)
                + (newValue >>> 16) + (newValue & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        return ~sum & 0xffff;
    }

    /**
     * Decrements the TTL of the IPv4 header at {@code ip} and adjusts its checksum incrementally.
     * Returns the new TTL, or -1, writing nothing, when the TTL was already 0.
     */
    public static int decrementTtl(MemorySegment s, long ip) {
        int oldWord = getU16(s, ip + 8); // TTL and protocol share a checksum word
        int ttl = oldWord >>> 8;
        if (ttl == 0) {
            return -1;
        }
        int newWord = oldWord - 0x100;
        setU8(s, ip + 8, ttl - 1);
        setU16(s, ip + 10, update16(getU16(s, ip + 10), oldWord, newWord));
        return ttl - 1;
    }
}
