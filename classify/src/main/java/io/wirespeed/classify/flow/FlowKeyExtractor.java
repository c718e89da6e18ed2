package io.wirespeed.classify.flow;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.net.NetworkOrder;
import io.wirespeed.net.PacketParser;
import io.wirespeed.net.PacketType;
import java.lang.foreign.MemorySegment;

/**
 * Fills a {@link FlowKey} from the frame in an mbuf: the fields flow rules match, layer by layer,
 * for the outermost packet (as a NIC's flow director sees it; VXLAN's inner frame is not keyed).
 *
 * <p>The {@link PacketParser} classifies the frame and finds its header lengths, so a field is read
 * only from a header that lies wholly in the frame: a malformed frame yields the layers that
 * parsed before the fault and is reported (and counted by the parser), never thrown on. What the
 * fields hold follows rte_flow's items: ETH's type is the frame's first EtherType (0x8100 when
 * tagged), VLAN is the outermost tag with the EtherType after it, IPv6's proto is the fixed
 * header's next header, and a fragment (IPv4 or IPv6, first or not) carries no L4 layer.
 *
 * <p>One per lcore; allocates nothing. Also stores the packet type and header lengths in the mbuf.
 */
public final class FlowKeyExtractor {
    private static final int ETHER_HEADER = 14;
    private static final int VLAN_TAG = 4;

    private final PacketParser parser = new PacketParser();

    /**
     * Forgets the previous packet in {@code key} and fills it from {@code m}.
     *
     * @return false when the frame is malformed (the key then has the layers before the fault)
     */
    public boolean extract(Mbuf m, FlowKey key) {
        key.clear();
        int type = parser.parse(m);
        boolean wellFormed = !PacketType.isMalformed(type);
        MemorySegment s = m.buffer();
        long at = m.dataOffset();
        int l2 = m.l2Length();
        if (l2 == 0) {
            return wellFormed;
        }
        extractEthernet(s, at, l2, type, key);
        int l3 = m.l3Length();
        int l3Type = type & PacketType.L3_MASK;
        boolean v4 = l3Type == PacketType.L3_IPV4 || l3Type == PacketType.L3_IPV4_EXT
                || l3Type == PacketType.L3_IPV4_EXT_UNKNOWN;
        boolean v6 = l3Type == PacketType.L3_IPV6 || l3Type == PacketType.L3_IPV6_EXT
                || l3Type == PacketType.L3_IPV6_EXT_UNKNOWN;
        if (l3 > 0 && v4) {
            extractIpv4(s, at + l2, key);
        } else if (l3 > 0 && v6) {
            extractIpv6(s, at + l2, key);
        } else {
            return wellFormed;
        }
        if (m.l4Length() > 0) {
            extractL4(s, at + l2 + l3, type & PacketType.L4_MASK, v6, key);
        }
        return wellFormed;
    }

    /** The parser, for its malformed-frame counters. */
    public PacketParser parser() {
        return parser;
    }

    private static void extractEthernet(MemorySegment s, long at, int l2, int type, FlowKey key) {
        key.addLayer(FlowItemType.ETH);
        key.set(FlowField.ETH_DST, mac(s, at));
        key.set(FlowField.ETH_SRC, mac(s, at + 6));
        key.set(FlowField.ETH_TYPE, NetworkOrder.getU16(s, at + 12));
        int l2Type = type & PacketType.L2_MASK;
        if ((l2Type == PacketType.L2_ETHER_VLAN || l2Type == PacketType.L2_ETHER_QINQ) && l2 >= ETHER_HEADER + VLAN_TAG) {
            key.addLayer(FlowItemType.VLAN);
            key.set(FlowField.VLAN_TCI, NetworkOrder.getU16(s, at + ETHER_HEADER));
            key.set(FlowField.VLAN_INNER_TYPE, NetworkOrder.getU16(s, at + ETHER_HEADER + 2));
        }
    }

    private static void extractIpv4(MemorySegment s, long ip, FlowKey key) {
        key.addLayer(FlowItemType.IPV4);
        key.set(FlowField.IPV4_TOS, NetworkOrder.getU8(s, ip + 1));
        key.set(FlowField.IPV4_FRAGMENT_OFFSET, NetworkOrder.getU16(s, ip + 6));
        key.set(FlowField.IPV4_TTL, NetworkOrder.getU8(s, ip + 8));
        key.set(FlowField.IPV4_PROTO, NetworkOrder.getU8(s, ip + 9));
        key.set(FlowField.IPV4_SRC, NetworkOrder.getU32(s, ip + 12));
        key.set(FlowField.IPV4_DST, NetworkOrder.getU32(s, ip + 16));
    }

    private static void extractIpv6(MemorySegment s, long ip, FlowKey key) {
        key.addLayer(FlowItemType.IPV6);
        long first = NetworkOrder.getU32(s, ip);
        key.set(FlowField.IPV6_TC, first >>> 20);
        key.set(FlowField.IPV6_FLOW, first);
        key.set(FlowField.IPV6_PROTO, NetworkOrder.getU8(s, ip + 6));
        key.set(FlowField.IPV6_HOP, NetworkOrder.getU8(s, ip + 7));
        key.set(FlowField.IPV6_SRC_HIGH, u64(s, ip + 8));
        key.set(FlowField.IPV6_SRC_LOW, u64(s, ip + 16));
        key.set(FlowField.IPV6_DST_HIGH, u64(s, ip + 24));
        key.set(FlowField.IPV6_DST_LOW, u64(s, ip + 32));
    }

    private static void extractL4(MemorySegment s, long l4, int l4Type, boolean v6, FlowKey key) {
        switch (l4Type) {
            case PacketType.L4_UDP -> {
                key.addLayer(FlowItemType.UDP);
                key.set(FlowField.UDP_SRC, NetworkOrder.getU16(s, l4));
                key.set(FlowField.UDP_DST, NetworkOrder.getU16(s, l4 + 2));
            }
            case PacketType.L4_TCP -> {
                key.addLayer(FlowItemType.TCP);
                key.set(FlowField.TCP_SRC, NetworkOrder.getU16(s, l4));
                key.set(FlowField.TCP_DST, NetworkOrder.getU16(s, l4 + 2));
                key.set(FlowField.TCP_FLAGS, NetworkOrder.getU8(s, l4 + 13));
            }
            case PacketType.L4_ICMP -> {
                FlowItemType item = v6 ? FlowItemType.ICMP6 : FlowItemType.ICMP;
                key.addLayer(item);
                key.set(v6 ? FlowField.ICMP6_TYPE : FlowField.ICMP_TYPE, NetworkOrder.getU8(s, l4));
                key.set(v6 ? FlowField.ICMP6_CODE : FlowField.ICMP_CODE, NetworkOrder.getU8(s, l4 + 1));
            }
            default -> {
                // SCTP and other protocols: no pattern item keys them
            }
        }
    }

    /** The 48-bit MAC address at {@code at}. */
    private static long mac(MemorySegment s, long at) {
        return (long) NetworkOrder.getU16(s, at) << 32 | NetworkOrder.getU32(s, at + 2);
    }

    private static long u64(MemorySegment s, long at) {
        return NetworkOrder.getU32(s, at) << 32 | NetworkOrder.getU32(s, at + 4);
    }
}
