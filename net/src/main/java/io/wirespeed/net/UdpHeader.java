package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.setU16;

/** View of a UDP header (rte_udp_hdr), 8 bytes. */
public final class UdpHeader extends HeaderView {
    public static final int LENGTH = 8;
    /** IANA's port for VXLAN. */
    public static final int PORT_VXLAN = 4789;

    public UdpHeader() {
        super(LENGTH);
    }

    public int sourcePort() {
        return getU16(segment, offset);
    }

    public void sourcePort(int port) {
        setU16(segment, offset, port);
    }

    public int destinationPort() {
        return getU16(segment, offset + 2);
    }

    public void destinationPort(int port) {
        setU16(segment, offset + 2, port);
    }

    /** Header and data, in bytes. */
    public int length() {
        return getU16(segment, offset + 4);
    }

    public void length(int length) {
        setU16(segment, offset + 4, length);
    }

    public int checksum() {
        return getU16(segment, offset + 6);
    }

    public void checksum(int checksum) {
        setU16(segment, offset + 6, checksum);
    }
}
