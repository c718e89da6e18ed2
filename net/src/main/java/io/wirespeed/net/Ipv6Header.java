package io.wirespeed.net;

import static io.wirespeed.net.NetworkOrder.getI32;
import static io.wirespeed.net.NetworkOrder.getI64;
import static io.wirespeed.net.NetworkOrder.getU16;
import static io.wirespeed.net.NetworkOrder.getU8;
import static io.wirespeed.net.NetworkOrder.setI32;
import static io.wirespeed.net.NetworkOrder.setI64;
import static io.wirespeed.net.NetworkOrder.setU16;
import static io.wirespeed.net.NetworkOrder.setU8;

/**
 * View of the fixed IPv6 header (rte_ipv6_hdr), 40 bytes. Each address is two longs: the high
 * half holds bytes 0..7 (the first on the wire in the top byte), the low half bytes 8..15.
 * Extension headers are walked by {@link Ipv6ExtensionWalker}.
 */
public final class Ipv6Header extends HeaderView {
    public static final int LENGTH = 40;

    public Ipv6Header() {
        super(LENGTH);
    }

    /** Version, traffic class and flow label: the first 32 bits. */
    private int word0() {
        return getI32(segment, offset);
    }

    public int version() {
        return word0() >>> 28;
    }

    public int trafficClass() {
        return (word0() >>> 20) & 0xff;
    }

    public int flowLabel() {
        return word0() & 0xfffff;
    }

    /** Writes version, traffic class and flow label (they share a word). */
    public void versionClassLabel(int version, int trafficClass, int flowLabel) {
        setI32(segment, offset, (version << 28) | ((trafficClass & 0xff) << 20) | (flowLabel & 0xfffff));
    }

    public void trafficClass(int trafficClass) {
        setI32(segment, offset, (word0() & 0xf00fffff) | ((trafficClass & 0xff) << 20));
    }

    public void flowLabel(int flowLabel) {
        setI32(segment, offset, (word0() & 0xfff00000) | (flowLabel & 0xfffff));
    }

    /** Bytes after the fixed header: extension headers and upper-layer data. */
    public int payloadLength() {
        return getU16(segment, offset + 4);
    }

    public void payloadLength(int length) {
        setU16(segment, offset + 4, length);
    }

    public int nextHeader() {
        return getU8(segment, offset + 6);
    }

    public void nextHeader(int protocol) {
        setU8(segment, offset + 6, protocol);
    }

    public int hopLimit() {
        return getU8(segment, offset + 7);
    }

    public void hopLimit(int hops) {
        setU8(segment, offset + 7, hops);
    }

    public long sourceHigh() {
        return getI64(segment, offset + 8);
    }

    public long sourceLow() {
        return getI64(segment, offset + 16);
    }

    public void source(long high, long low) {
        setI64(segment, offset + 8, high);
        setI64(segment, offset + 16, low);
    }

    public long destinationHigh() {
        return getI64(segment, offset + 24);
    }

    public long destinationLow() {
        return getI64(segment, offset + 32);
    }

    public void destination(long high, long low) {
        setI64(segment, offset + 24, high);
        setI64(segment, offset + 32, low);
    }
}
