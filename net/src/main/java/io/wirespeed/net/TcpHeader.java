package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getI32;
import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getU8;
import static io.wirespeed.net.NetworkOrder.setI32;
import static io.wirespeed.net.NetworkOrder.setU16;
import static io.wirespeed.net.NetworkOrder.setU8;

/**
 * View of a TCP header (rte_tcp_hdr). {@link #wrap} checks the fixed 20 bytes; the options run to
 * {@link #headerLength()}, checked with {@link #headerFits()}. Sequence numbers are ints (compare
 * them with {@code Integer.compareUnsigned} or by difference).
 */
public final class TcpHeader extends HeaderView {
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 60;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    public TcpHeader() {
        super(MIN_LENGTH);
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

    public int sequence() {
        return getI32(segment, offset + 4);
    }

    public void sequence(int seq) {
        setI32(segment, offset + 4, seq);
    }

    public int acknowledgment() {
        return getI32(segment, offset + 8);
    }

    public void acknowledgment(int ack) {
        setI32(segment, offset + 8, ack);
    }

    /** Header length in 32-bit words (5..15 when valid). */
    public int dataOffset() {
        return getU8(segment, offset + 12) >>> 4;
    }

    /** Sets the data offset, keeping the low bits of its byte (reserved bits and NS). */
    public void dataOffset(int words) {
        setU8(segment, offset + 12, (words << 4) | (getU8(segment, offset + 12) & 0xf));
    }

    public int headerLength() {
        return dataOffset() << 2;
    }

    public int optionsLength() {
        return headerLength() - MIN_LENGTH;
    }

    /** True when the data offset is at least 5 and the options lie in the packet. */
    public boolean headerFits() {
        int length = headerLength();
        return length >= MIN_LENGTH && offset <= limit - length;
    }

    /** The eight flag bits CWR..FIN (see the constants). */
    public int flags() {
        return getU8(segment, offset + 13);
    }

    public void flags(int flags) {
        setU8(segment, offset + 13, flags);
    }

    public int window() {
        return getU16(segment, offset + 14);
    }

    public void window(int window) {
        setU16(segment, offset + 14, window);
    }

    public int checksum() {
        return getU16(segment, offset + 16);
    }

    public void checksum(int checksum) {
        setU16(segment, offset + 16, checksum);
    }

    public int urgentPointer() {
        return getU16(segment, offset + 18);
    }

    public void urgentPointer(int pointer) {
        setU16(segment, offset + 18, pointer);
    }
}
