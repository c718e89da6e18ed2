package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.setU16;

/**
 * View of the four bytes that follow an 802.1Q or 802.1ad TPID (rte_vlan_hdr): the tag control
 * information (priority, drop eligible, VLAN id) and the ether type of what the tag carries. A QinQ
 * frame has two: the service tag after TPID 0x88a8, whose inner type is 0x8100, then the customer
 * tag.
 */
public final class VlanHeader extends HeaderView {
    public static final int LENGTH = 4;

    public VlanHeader() {
        super(LENGTH);
    }

    /** The whole 16-bit TCI. */
    public int tci() {
        return getU16(segment, offset);
    }

    public void tci(int tci) {
        setU16(segment, offset, tci);
    }

    /** Priority code point, 0..7. */
    public int pcp() {
        return tci() >>> 13;
    }

    public void pcp(int pcp) {
        tci((tci() & 0x1fff) | ((pcp & 7) << 13));
    }

    /** Drop eligible indicator. */
    public boolean dei() {
        return (tci() & 0x1000) != 0;
    }

    public void dei(boolean dei) {
        tci(dei ? tci() | 0x1000 : tci() & ~0x1000);
    }

    /** VLAN id, 0..4095. */
    public int vid() {
        return tci() & 0x0fff;
    }

    public void vid(int vid) {
        tci((tci() & 0xf000) | (vid & 0x0fff));
    }

    /** Ether type of the tagged payload (or the inner tag's TPID). */
    public int innerType() {
        return getU16(segment, offset + 2);
    }

    public void innerType(int type) {
        setU16(segment, offset + 2, type);
    }

    /** The TCI of the given fields, for builders and tests. */
    public static int tci(int pcp, boolean dei, int vid) {
        return ((pcp & 7) << 13) | (dei ? 0x1000 : 0) | (vid & 0x0fff);
    }
}
