package io.wirespeed.virt.vswitch;

/**
 * Why the switch dropped a frame. The ingress reasons are counted on the port the frame came in
 * on, once per frame; the egress ones on the port a copy was going out of, once per copy.
 */
public enum DropReason {
    /** Shorter than an Ethernet header, or than the 802.1Q tag it announces. */
    MALFORMED("malformed", true),
    /** Tagged with a VLAN the port does not carry, or untagged on a trunk without a native VLAN. */
    VLAN_NOT_ALLOWED("vlan_not_allowed", true),
    /** Addressed to a station learned on the port it came in on: never sent back out of it. */
    SAME_PORT("same_port", true),
    /** To be flooded in a VLAN no other port carries. */
    NO_OUTPUT("no_output", true),
    /** A copy for one more port (a clone or a re-tagged copy) found the mempool empty. */
    NO_MBUF("no_mbuf", false),
    /** The output port's transmit queue took fewer than it was given. */
    TX_FULL("tx_full", false);

    private static final DropReason[] VALUES = values();

    private final String label;
    private final boolean ingress;

    DropReason(String label, boolean ingress) {
        this.label = label;
        this.ingress = ingress;
    }

    /** The name in statistics and JSON, e.g. {@code vlan_not_allowed}. */
    public String label() {
        return label;
    }

    /** Counted per frame on the in-port (true) or per copy on the out-port (false). */
    public boolean isIngress() {
        return ingress;
    }

    /** {@link #values()} without the copy, for loops that run while switching. */
    static DropReason[] all() {
        return VALUES;
    }
}
