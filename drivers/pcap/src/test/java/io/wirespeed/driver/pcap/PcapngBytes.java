package io.wirespeed.driver.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds a pcapng file block by block, each section in the byte order it names, for tests. */
final class PcapngBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    static PcapngBytes section(ByteOrder order) {
        return new PcapngBytes().newSection(order);
    }

    /** A section header block (version 1.0, unknown section length). */
    PcapngBytes newSection(ByteOrder sectionOrder) {
        this.order = sectionOrder;
        ByteBuffer body = buf(16).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0a0d0d0a, body.array());
    }

    /** An interface description block with no options (microsecond time stamps). */
    PcapngBytes idb(int linkType, long snaplen) {
        return idb(linkType, snaplen, -1, null);
    }

    /** An interface description with if_tsresol (when tsresol >= 0) and if_tsoffset (when not null). */
    PcapngBytes idb(int linkType, long snaplen, int tsresol, Long tsoffsetSeconds) {
        ByteBuffer b = buf(64).putShort((short) linkType).putShort((short) 0).putInt((int) snaplen);
        b.putShort((short) 2).putShort((short) 3).put(new byte[] {'e', 't', 'h', 0}); // if_name "eth", padded
        if (tsresol >= 0) {
            b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        }
        if (tsoffsetSeconds != null) {
            b.putShort((short) 14).putShort((short) 8).putLong(tsoffsetSeconds);
        }
        b.putShort((short) 0).putShort((short) 0);
        return block(1, slice(b));
    }

    /** An enhanced packet block with the frame's length as captured and original length. */
    PcapngBytes epb(int iface, long units, byte[] frame) {
        return epb(iface, units, frame.length, frame.length, frame);
    }

    PcapngBytes epb(int iface, long units, long captureLength, long originalLength, byte[] frame) {
        ByteBuffer b = buf(20 + frame.length + 3 + 8);
        b.putInt(iface).putInt((int) (units >>> 32)).putInt((int) units).putInt((int) captureLength).putInt((int) originalLength);
        b.put(frame).put(new byte[-frame.length & 3]);
        b.putShort((short) 1).putShort((short) 0); // opt_comment of length 0, then...
        b.putShort((short) 0).putShort((short) 0); // opt_endofopt
        return block(6, slice(b));
    }

    /** An obsolete packet block (16-bit interface id, drops count). */
    PcapngBytes opb(int iface, long units, byte[] frame) {
        ByteBuffer b = buf(20 + frame.length + 3);
        b.putShort((short) iface).putShort((short) 0).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(frame.length).putInt(frame.length);
        b.put(frame).put(new byte[-frame.length & 3]);
        return block(2, slice(b));
    }

    /** A simple packet block: original length, then the data (the block's length bounds the capture). */
    PcapngBytes spb(long originalLength, byte[] data) {
        ByteBuffer b = buf(4 + data.length + 3).putInt((int) originalLength).put(data).put(new byte[-data.length & 3]);
        return block(3, slice(b));
    }

    /** Any block with this type and body (padded to 4). */
    PcapngBytes block(int type, byte[] body) {
        int padded = body.length + (-body.length & 3);
        int total = 12 + padded;
        ByteBuffer b = buf(total).putInt(type).putInt(total).put(body).put(new byte[padded - body.length]).putInt(total);
        out.writeBytes(b.array());
        return this;
    }

    /** Raw bytes (e.g. a damaged block). */
    PcapngBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Bytes in the current section's order. */
    ByteBuffer buf(int capacity) {
        return ByteBuffer.allocate(capacity).order(order);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private static byte[] slice(ByteBuffer b) {
        byte[] a = new byte[b.position()];
        b.flip().get(a);
        return a;
    }
}
