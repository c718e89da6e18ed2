package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getU48;
import static io.wirespeed.net.NetworkOrder.setU16;
import static io.wirespeed.net.NetworkOrder.setU48;

/**
 * View of an Ethernet II header (rte_ether_hdr): destination and source MAC as 48-bit longs
 * (see {@link MacAddress}), then the ether type, which for a tagged frame is the tag's TPID.
 */
public final class EthernetHeader extends HeaderView {
    public static final int LENGTH = 14;

    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    /** 802.1Q customer tag. */
    public static final int TYPE_VLAN = 0x8100;
    public static final int TYPE_IPV6 = 0x86dd;
    /** 802.1ad service tag (the outer tag of QinQ). */
    public static final int TYPE_QINQ = 0x88a8;

    public EthernetHeader() {
        super(LENGTH);
    }

    public long destination() {
        return getU48(segment, offset);
    }

    public void destination(long mac) {
        setU48(segment, offset, mac);
    }

    public long source() {
        return getU48(segment, offset + 6);
    }

    public void source(long mac) {
        setU48(segment, offset + 6, mac);
    }

    public int etherType() {
        return getU16(segment, offset + 12);
    }

    public void etherType(int type) {
        setU16(segment, offset + 12, type);
    }
}
