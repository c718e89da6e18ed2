package io.wirespeed.classify.flow;

/**
 * The header fields a pattern item can match, each at most 64 bits wide and held in a
 * {@link FlowKey} as an unsigned value. An IPv6 address is two fields (its high and low 64 bits).
 * VLAN's pcp, dei and vid are bit ranges of {@link #VLAN_TCI}.
 */
public enum FlowField {
    ETH_DST(FlowItemType.ETH, "dst", 48),
    ETH_SRC(FlowItemType.ETH, "src", 48),
    ETH_TYPE(FlowItemType.ETH, "type", 16),
    VLAN_TCI(FlowItemType.VLAN, "tci", 16),
    VLAN_INNER_TYPE(FlowItemType.VLAN, "inner_type", 16),
    IPV4_TOS(FlowItemType.IPV4, "tos", 8),
    IPV4_FRAGMENT_OFFSET(FlowItemType.IPV4, "fragment_offset", 16),
    IPV4_TTL(FlowItemType.IPV4, "ttl", 8),
    IPV4_PROTO(FlowItemType.IPV4, "proto", 8),
    IPV4_SRC(FlowItemType.IPV4, "src", 32),
    IPV4_DST(FlowItemType.IPV4, "dst", 32),
    IPV6_TC(FlowItemType.IPV6, "tc", 8),
    IPV6_FLOW(FlowItemType.IPV6, "flow", 20),
    IPV6_PROTO(FlowItemType.IPV6, "proto", 8),
    IPV6_HOP(FlowItemType.IPV6, "hop", 8),
    IPV6_SRC_HIGH(FlowItemType.IPV6, "src", 64),
    IPV6_SRC_LOW(FlowItemType.IPV6, "src", 64),
    IPV6_DST_HIGH(FlowItemType.IPV6, "dst", 64),
    IPV6_DST_LOW(FlowItemType.IPV6, "dst", 64),
    UDP_SRC(FlowItemType.UDP, "src", 16),
    UDP_DST(FlowItemType.UDP, "dst", 16),
    TCP_SRC(FlowItemType.TCP, "src", 16),
    TCP_DST(FlowItemType.TCP, "dst", 16),
    TCP_FLAGS(FlowItemType.TCP, "flags", 8),
    ICMP_TYPE(FlowItemType.ICMP, "type", 8),
    ICMP_CODE(FlowItemType.ICMP, "code", 8),
    ICMP6_TYPE(FlowItemType.ICMP6, "type", 8),
    ICMP6_CODE(FlowItemType.ICMP6, "code", 8);

    /** How many fields a {@link FlowKey} holds. */
    public static final int COUNT = values().length;

    private final FlowItemType item;
    private final String keyword;
    private final int bits;

    FlowField(FlowItemType item, String keyword, int bits) {
        this.item = item;
        this.keyword = keyword;
        this.bits = bits;
    }

    public FlowItemType item() {
        return item;
    }

    /** The field's word in testpmd's syntax. */
    public String keyword() {
        return keyword;
    }

    public int bits() {
        return bits;
    }

    /** All ones over the field's width. */
    public long fullMask() {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }
}
