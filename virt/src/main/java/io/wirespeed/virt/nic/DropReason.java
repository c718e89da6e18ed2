package io.wirespeed.virt.nic;

import java.util.Locale;

/** Why the NIC dropped a frame; every frame it takes is delivered, sent to the wire or counted here. */
public enum DropReason {
    /** Unknown unicast with no default pool, or a frame no pool accepts. */
    NO_POOL,
    /** The destination MAC belongs to a pool, but not in the frame's VLAN. */
    VLAN_FILTER,
    /** A VF sent a frame whose source MAC or VLAN is not its own. */
    SPOOF,
    /** Frames a VF's max_tx_rate held back in its transmit ring that were still there when it stopped. */
    RATE_LIMIT,
    /** The receiving queue had no free descriptor. */
    RX_RING_FULL,
    /**
     * The receiving function is down (link disabled, driver not started, or its guest gone), or
     * a function stopped with frames still queued for transmit.
     */
    LINK_DOWN,
    /** Shorter than an Ethernet header, or a TX descriptor chain the NIC cannot read. */
    MALFORMED,
    /** Longer than the receive buffer the guest posted. */
    OVERSIZE,
    /** A descriptor pointed outside the guest's memory (an IOMMU fault on real hardware). */
    DMA_FAULT,
    /** The uplink port did not take the frame. */
    UPLINK_FULL;

    private static final DropReason[] ALL = values();

    /** The reason's name in reports, e.g. {@code rx_ring_full}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DropReason at(int ordinal) {
        return ALL[ordinal];
    }

    static int count() {
        return ALL.length;
    }
}
