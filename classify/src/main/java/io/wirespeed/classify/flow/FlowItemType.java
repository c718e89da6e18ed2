package io.wirespeed.classify.flow;

/**
 * The pattern items a flow rule can name (rte_flow's RTE_FLOW_ITEM_TYPE_*), each one protocol
 * layer. A packet's {@link FlowKey#layers()} has the bit of every layer it carries.
 */
public enum FlowItemType {
    ETH("eth"),
    VLAN("vlan"),
    IPV4("ipv4"),
    IPV6("ipv6"),
    UDP("udp"),
    TCP("tcp"),
    ICMP("icmp"),
    ICMP6("icmp6");

    private final String keyword;

    FlowItemType(String keyword) {
        this.keyword = keyword;
    }

    /** The word testpmd uses for the item. */
    public String keyword() {
        return keyword;
    }

    /** This layer's bit in {@link FlowKey#layers()}. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The item named {@code word} in testpmd's syntax, or null. */
    public static FlowItemType byKeyword(String word) {
        for (FlowItemType t : values()) {
            if (t.keyword.equals(word)) {
                return t;
            }
        }
        return null;
    }
}
