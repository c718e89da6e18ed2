package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getI32;
import static io.wirespeed.net.NetworkOrder.getU8;
import static io.wirespeed.net.NetworkOrder.setI32;
import static io.wirespeed.net.NetworkOrder.setU8;

/**
 * View of a VXLAN header (RFC 7348, rte_vxlan_hdr), 8 bytes after the outer UDP header: flags
 * (the I bit says the VNI is valid), 24 reserved bits, the 24-bit VNI, 8 reserved bits. The inner
 * Ethernet frame follows.
 */
public final class VxlanHeader extends HeaderView {
    public static final int LENGTH = 8;
    /** The I flag: the VNI field is valid. */
    public static final int FLAG_VNI_VALID = 0x08;

    public VxlanHeader() {
        super(LENGTH);
    }

    public int flags() {
        return getU8(segment, offset);
    }

    public void flags(int flags) {
        setU8(segment, offset, flags);
    }

    public boolean vniValid() {
        return (flags() & FLAG_VNI_VALID) != 0;
    }

    /** The 24-bit VXLAN network identifier. */
    public int vni() {
        return getI32(segment, offset + 4) >>> 8;
    }

    /** Sets the VNI, keeping the reserved byte after it. */
    public void vni(int vni) {
        setI32(segment, offset + 4, (vni << 8) | getU8(segment, offset + 7));
    }
}
