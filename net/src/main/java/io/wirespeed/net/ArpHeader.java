package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getI32;
import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getU48;
import static io.wirespeed.net.NetworkOrder.getU8;
import static io.wirespeed.net.NetworkOrder.setI32;
import static io.wirespeed.net.NetworkOrder.setU16;
import static io.wirespeed.net.NetworkOrder.setU48;
import static io.wirespeed.net.NetworkOrder.setU8;

/**
 * View of an ARP packet for Ethernet and IPv4 (rte_arp_hdr), 28 bytes: hardware and protocol
 * types and lengths, the operation, then sender and target MAC (48-bit longs) and IPv4 address.
 */
public final class ArpHeader extends HeaderView {
    public static final int LENGTH = 28;
    public static final int HARDWARE_ETHERNET = 1;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;

    public ArpHeader() {
        super(LENGTH);
    }

    public int hardwareType() {
        return getU16(segment, offset);
    }

    public void hardwareType(int type) {
        setU16(segment, offset, type);
    }

    public int protocolType() {
        return getU16(segment, offset + 2);
    }

    public void protocolType(int type) {
        setU16(segment, offset + 2, type);
    }

    public int hardwareLength() {
        return getU8(segment, offset + 4);
    }

    public void hardwareLength(int length) {
        setU8(segment, offset + 4, length);
    }

    public int protocolLength() {
        return getU8(segment, offset + 5);
    }

    public void protocolLength(int length) {
        setU8(segment, offset + 5, length);
    }

    public int operation() {
        return getU16(segment, offset + 6);
    }

    public void operation(int op) {
        setU16(segment, offset + 6, op);
    }

    /** Sender hardware address. */
    public long sha() {
        return getU48(segment, offset + 8);
    }

    public void sha(long mac) {
        setU48(segment, offset + 8, mac);
    }

    /** Sender protocol (IPv4) address. */
    public int spa() {
        return getI32(segment, offset + 14);
    }

    public void spa(int ip) {
        setI32(segment, offset + 14, ip);
    }

    /** Target hardware address. */
    public long tha() {
        return getU48(segment, offset + 18);
    }

    public void tha(long mac) {
        setU48(segment, offset + 18, mac);
    }

    /** Target protocol (IPv4) address. */
    public int tpa() {
        return getI32(segment, offset + 24);
    }

    public void tpa(int ip) {
        setI32(segment, offset + 24, ip);
    }
}
