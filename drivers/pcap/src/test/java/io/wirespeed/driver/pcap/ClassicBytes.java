package io.wirespeed.driver.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds a classic pcap file byte by byte, in either byte order, for tests. */
final class ClassicBytes {
    private final ByteOrder order;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ClassicBytes(ByteOrder order, int magic, int major, int minor, long snaplen, int linkType) {
        this.order = order;
        ByteBuffer b = ByteBuffer.allocate(24).order(order);
        b.putInt(magic).putShort((short) major).putShort((short) minor).putInt(0).putInt(0).putInt((int) snaplen).putInt(linkType);
        out.writeBytes(b.array());
    }

    static ClassicBytes micros(ByteOrder order) {
        return new ClassicBytes(order, 0xa1b2c3d4, 2, 4, 65535, 1);
    }

    static ClassicBytes nanos(ByteOrder order) {
        return new ClassicBytes(order, 0xa1b23c4d, 2, 4, 65535, 1);
    }

    static ClassicBytes header(ByteOrder order, int magic, int major, int minor, long snaplen, int linkType) {
        return new ClassicBytes(order, magic, major, minor, snaplen, linkType);
    }

    /** A record whose captured and original lengths are the frame's. */
    ClassicBytes record(long seconds, long fraction, byte[] frame) {
        return record(seconds, fraction, frame.length, frame.length, frame);
    }

    /** A record with the header's lengths as given, followed by {@code data} (which may be shorter: truncation). */
    ClassicBytes record(long seconds, long fraction, long captureLength, long originalLength, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16).order(order);
        b.putInt((int) seconds).putInt((int) fraction).putInt((int) captureLength).putInt((int) originalLength);
        out.writeBytes(b.array());
        out.writeBytes(data);
        return this;
    }

    ClassicBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
