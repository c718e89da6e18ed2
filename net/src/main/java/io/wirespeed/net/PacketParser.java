package io.wirespeed.net;

import io.wirespeed.mbuf.Mbuf;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Classifies frames into {@link PacketType} values as DPDK's rte_net_get_ptype does, and finds the
 * header lengths of the outermost packet (DPDK's l2_len, l3_len, l4_len) and, for VXLAN, of the
 * inner one.
 *
 * <ul>
 *   <li>L2: Ethernet; one 802.1Q tag (L2_ETHER_VLAN) or an 802.1ad tag and the tag after it
 *       (L2_ETHER_QINQ); an untagged ARP frame is L2_ETHER_ARP. The L2 length includes the tags.
 *   <li>L3: IPv4 (L3_IPV4, or L3_IPV4_EXT with options); IPv6 (L3_IPV6, or L3_IPV6_EXT when the
 *       first next header is an extension header, whose lengths then count in the L3 length).
 *   <li>L4: TCP, UDP, SCTP, ICMP (ICMPv6 too); any fragment, first or not, is L4_FRAG with no
 *       L4 length; another protocol is L4_NONFRAG. The L4 length is the TCP header with options,
 *       8 for UDP and ICMP, 12 for SCTP.
 *   <li>UDP to port 4789 is VXLAN: TUNNEL_VXLAN, and the inner frame goes into the INNER_ fields.
 * </ul>
 *
 * <p>Lengths are checked against the packet: IPv4's total length and IPv6's payload length must
 * lie in the frame and bound what follows (Ethernet padding is not parsed). A frame that fails a
 * check is returned as far as it was classified, with {@link PacketType#MALFORMED} set, and
 * counted under its {@link MalformedReason}; nothing throws. The type of a layer is set once its
 * fixed header is read (for L2 tags and L4 once the previous header names them); a length only
 * once the header fits.
 *
 * <p>One parser per lcore: it is not thread-safe and allocates nothing. Its counters are written
 * by that lcore only (opaque stores) and may be read by any thread (opaque loads).
 */
public final class PacketParser {
    private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int PACKETS = MalformedReason.COUNT;

    // Values per level: [0] outer, [1] inner (DPDK's inner L2/L3 codes are not the outer ones shifted).
    private static final int[] ETHER = {PacketType.L2_ETHER, PacketType.INNER_L2_ETHER};
    private static final int[] VLAN = {PacketType.L2_ETHER_VLAN, PacketType.INNER_L2_ETHER_VLAN};
    private static final int[] QINQ = {PacketType.L2_ETHER_QINQ, PacketType.INNER_L2_ETHER_QINQ};
    private static final int[] IPV4 = {PacketType.L3_IPV4, PacketType.INNER_L3_IPV4};
    private static final int[] IPV4_EXT = {PacketType.L3_IPV4_EXT, PacketType.INNER_L3_IPV4_EXT};
    private static final int[] IPV6 = {PacketType.L3_IPV6, PacketType.INNER_L3_IPV6};
    private static final int[] IPV6_EXT = {PacketType.L3_IPV6_EXT, PacketType.INNER_L3_IPV6_EXT};
    private static final int[] L4_SHIFT = {0, 16};

    private static final int SCTP_HEADER_LENGTH = 12;
    private static final int OUTER = 0;
    private static final int INNER = 1;

    /** Malformed counts by reason, then the packet count. */
    private final long[] counters = new long[MalformedReason.COUNT + 1];

    private final EthernetHeader ethernet = new EthernetHeader();
    private final VlanHeader vlan = new VlanHeader();
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final Ipv6ExtensionWalker extensions = new Ipv6ExtensionWalker();
    private final TcpHeader tcp = new TcpHeader();
    private final UdpHeader udp = new UdpHeader();
    private final VxlanHeader vxlan = new VxlanHeader();

    private final int[] l2Length = new int[2];
    private final int[] l3Length = new int[2];
    private final int[] l4Length = new int[2];
    private int tunnelLength;

    /**
     * Classifies the packet in {@code m} and stores its type and outer header lengths in the mbuf
     * (packetType, l2Length, l3Length, l4Length). Headers are read from the first segment only; a
     * chained packet whose headers run into the second segment is reported as truncated there.
     */
    public int parse(Mbuf m) {
        long start = m.dataOffset();
        int type = parse(m.buffer(), start, start + m.dataLength(), start + m.packetLength());
        m.packetType(type);
        m.l2Length(l2Length[OUTER]);
        m.l3Length(l3Length[OUTER]);
        m.l4Length(l4Length[OUTER]);
        return type;
    }

    /**
     * Classifies the {@code length}-byte frame at {@code offset} of {@code segment}; the lengths are
     * then in {@link #l2Length()} and the other accessors. A range beyond the segment is truncated to it.
     */
    public int parse(MemorySegment segment, long offset, int length) {
        long end = Math.min(offset + Math.max(length, 0), segment.byteSize());
        return parse(segment, offset, end, end);
    }

    private int parse(MemorySegment segment, long start, long headerLimit, long frameEnd) {
        COUNTERS.setOpaque(counters, PACKETS, counters[PACKETS] + 1);
        l2Length[OUTER] = l3Length[OUTER] = l4Length[OUTER] = 0;
        l2Length[INNER] = l3Length[INNER] = l4Length[INNER] = 0;
        tunnelLength = 0;
        return parseFrame(OUTER, segment, start, headerLimit, frameEnd);
    }

    /** One Ethernet frame and what it carries; {@code level} says whether it is a tunnel's inner frame. */
    private int parseFrame(int level, MemorySegment segment, long start, long headerLimit, long frameEnd) {
        if (!ethernet.wrap(segment, start, headerLimit)) {
            return malformed(MalformedReason.L2_TRUNCATED, 0);
        }
        int etherType = ethernet.etherType();
        long l3 = start + EthernetHeader.LENGTH;
        int type;
        if (etherType == EthernetHeader.TYPE_VLAN) {
            type = VLAN[level];
            if (!vlan.wrap(segment, l3, headerLimit)) {
                return malformed(MalformedReason.L2_TRUNCATED, type);
            }
            etherType = vlan.innerType();
            l3 += VlanHeader.LENGTH;
        } else if (etherType == EthernetHeader.TYPE_QINQ) {
            type = QINQ[level];
            if (!vlan.wrap(segment, l3 + VlanHeader.LENGTH, headerLimit)) {
                return malformed(MalformedReason.L2_TRUNCATED, type);
            }
            etherType = vlan.innerType();
            l3 += 2 * VlanHeader.LENGTH;
        } else {
            type = etherType == EthernetHeader.TYPE_ARP && level == OUTER ? PacketType.L2_ETHER_ARP : ETHER[level];
        }
        l2Length[level] = (int) (l3 - start);
        if (etherType == EthernetHeader.TYPE_IPV4) {
            return parseIpv4(level, type, segment, l3, headerLimit, frameEnd);
        }
        if (etherType == EthernetHeader.TYPE_IPV6) {
            return parseIpv6(level, type, segment, l3, headerLimit, frameEnd);
        }
        return type;
    }

    private int parseIpv4(int level, int type, MemorySegment segment, long l3, long headerLimit, long frameEnd) {
        Ipv4Header ip = ipv4;
        if (!ip.wrap(segment, l3, headerLimit) || ip.version() != 4 || !ip.headerFits()) {
            return malformed(MalformedReason.IPV4_HEADER, type);
        }
        int headerLength = ip.headerLength();
        type |= headerLength == Ipv4Header.MIN_LENGTH ? IPV4[level] : IPV4_EXT[level];
        l3Length[level] = headerLength;
        int totalLength = ip.totalLength();
        if (totalLength < headerLength || totalLength > frameEnd - l3) {
            return malformed(MalformedReason.IPV4_HEADER, type);
        }
        if (ip.isFragment()) {
            return type | (PacketType.L4_FRAG << L4_SHIFT[level]);
        }
        long limit = Math.min(l3 + totalLength, headerLimit);
        return parseL4(level, type, ip.protocol(), segment, l3 + headerLength, limit);
    }

    private int parseIpv6(int level, int type, MemorySegment segment, long l3, long headerLimit, long frameEnd) {
        Ipv6Header ip = ipv6;
        if (!ip.wrap(segment, l3, headerLimit) || ip.version() != 6
                || ip.payloadLength() > frameEnd - l3 - Ipv6Header.LENGTH) {
            return malformed(MalformedReason.IPV6_HEADER, type);
        }
        int protocol = ip.nextHeader();
        type |= IpProtocols.isIpv6Extension(protocol) ? IPV6_EXT[level] : IPV6[level];
        long l4 = l3 + Ipv6Header.LENGTH;
        long limit = Math.min(l4 + ip.payloadLength(), headerLimit);
        l3Length[level] = Ipv6Header.LENGTH;
        Ipv6ExtensionWalker walker = extensions;
        if (walker.walk(segment, l4, protocol, limit) != Ipv6ExtensionWalker.OK) {
            return malformed(MalformedReason.IPV6_EXTENSION_CHAIN, type);
        }
        l4 = walker.upperOffset();
        l3Length[level] = (int) (l4 - l3);
        if (walker.fragmented()) {
            return type | (PacketType.L4_FRAG << L4_SHIFT[level]);
        }
        return parseL4(level, type, walker.upperProtocol(), segment, l4, limit);
    }

    private int parseL4(int level, int type, int protocol, MemorySegment segment, long l4, long limit) {
        int shift = L4_SHIFT[level];
        switch (protocol) {
            case IpProtocols.TCP -> {
                type |= PacketType.L4_TCP << shift;
                if (!tcp.wrap(segment, l4, limit) || !tcp.headerFits()) {
                    return malformed(MalformedReason.L4_TRUNCATED, type);
                }
                l4Length[level] = tcp.headerLength();
                return type;
            }
            case IpProtocols.UDP -> {
                type |= PacketType.L4_UDP << shift;
                if (!udp.wrap(segment, l4, limit)) {
                    return malformed(MalformedReason.L4_TRUNCATED, type);
                }
                l4Length[level] = UdpHeader.LENGTH;
                if (level == OUTER && udp.destinationPort() == UdpHeader.PORT_VXLAN) {
                    return parseVxlan(type, segment, l4 + UdpHeader.LENGTH, limit);
                }
                return type;
            }
            case IpProtocols.SCTP -> {
                return fixedL4(level, type | (PacketType.L4_SCTP << shift), l4, limit, SCTP_HEADER_LENGTH);
            }
            case IpProtocols.ICMP, IpProtocols.ICMPV6 -> {
                return fixedL4(level, type | (PacketType.L4_ICMP << shift), l4, limit, IcmpHeader.LENGTH);
            }
            default -> {
                return type | (PacketType.L4_NONFRAG << shift);
            }
        }
    }

    private int fixedL4(int level, int type, long l4, long limit, int length) {
        if (l4 > limit - length) {
            return malformed(MalformedReason.L4_TRUNCATED, type);
        }
        l4Length[level] = length;
        return type;
    }

    private int parseVxlan(int type, MemorySegment segment, long at, long limit) {
        type |= PacketType.TUNNEL_VXLAN;
        if (!vxlan.wrap(segment, at, limit)) {
            return malformed(MalformedReason.L4_TRUNCATED, type);
        }
        tunnelLength = VxlanHeader.LENGTH;
        return type | parseFrame(INNER, segment, at + VxlanHeader.LENGTH, limit, limit);
    }

    private int malformed(int reason, int type) {
        COUNTERS.setOpaque(counters, reason, counters[reason] + 1);
        return type | PacketType.MALFORMED;
    }

    // ---- results of the last parse -----------------------------------------------------------------

    /** Outer L2 length of the last frame: Ethernet and VLAN tags. */
    public int l2Length() {
        return l2Length[OUTER];
    }

    /** Outer L3 length of the last frame: IPv4 with options, IPv6 with extension headers. */
    public int l3Length() {
        return l3Length[OUTER];
    }

    /** Outer L4 length of the last frame (0 for fragments and unknown protocols). */
    public int l4Length() {
        return l4Length[OUTER];
    }

    /** The tunnel header's length (8 for VXLAN; the outer UDP header counts in {@link #l4Length()}), or 0. */
    public int tunnelLength() {
        return tunnelLength;
    }

    public int innerL2Length() {
        return l2Length[INNER];
    }

    public int innerL3Length() {
        return l3Length[INNER];
    }

    public int innerL4Length() {
        return l4Length[INNER];
    }

    // ---- counters -----------------------------------------------------------------------------------

    /** Frames parsed. */
    public long packets() {
        return (long) COUNTERS.getOpaque(counters, PACKETS);
    }

    /** Frames marked malformed for {@code reason} (a {@link MalformedReason} constant). */
    public long malformed(int reason) {
        if (reason < 0 || reason >= MalformedReason.COUNT) {
            throw new IllegalArgumentException("no malformed reason " + reason + " (valid: 0.." + (MalformedReason.COUNT - 1) + ")");
        }
        return (long) COUNTERS.getOpaque(counters, reason);
    }

    /** Frames marked malformed, all reasons. */
    public long malformed() {
        long sum = 0;
        for (int r = 0; r < MalformedReason.COUNT; r++) {
            sum += (long) COUNTERS.getOpaque(counters, r);
        }
        return sum;
    }
}
