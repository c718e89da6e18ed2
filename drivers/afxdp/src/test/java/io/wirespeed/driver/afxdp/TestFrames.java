package io.wirespeed.driver.afxdp;

import java.nio.ByteBuffer;

/**
 * Frames the tests send: Ethernet with the local experimental EtherType 0x88b5 (nothing in the
 * kernel answers it), a 4-byte marker, a sequence number, then a pattern derived from both, so
 * that every byte of a received frame can be checked.
 */
final class TestFrames {
    static final int ETHERTYPE = 0x88b5;
    static final int MARKER = 0x57535044;   // "WSPD"

    private TestFrames() {
    }

    static byte[] frame(int sequence, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(new byte[] {2, 0, 0, 0, 0, 1});                 // destination
        b.put(new byte[] {2, 0, 0, 0, 0, 2});                 // source
        b.putShort((short) ETHERTYPE);
        b.putInt(MARKER);
        b.putInt(sequence);
        while (b.hasRemaining()) {
            b.put((byte) (sequence * 31 + b.position()));
        }
        return b.array();
    }

    /** A frame for flow {@code flow}: IPv4/UDP with the flow number in the source port (the kernel hashes flows to queues). */
    static byte[] udpFrame(int flow, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(new byte[] {2, 0, 0, 0, 0, 1});
        b.put(new byte[] {2, 0, 0, 0, 0, 2});
        b.putShort((short) 0x0800);
        int ipLength = length - 14;
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0);
        b.putInt(0xc6120001).putInt(0xc6120002);              // 198.18.0.1 -> 198.18.0.2 (benchmarking range)
        b.putShort((short) (10000 + flow)).putShort((short) 9).putShort((short) (ipLength - 20)).putShort((short) 0);
        b.putInt(MARKER);
        b.putInt(flow);
        return b.array();
    }

    static boolean isOurs(byte[] f) {
        return f.length >= 22 && ByteBuffer.wrap(f).getShort(12) == (short) ETHERTYPE && ByteBuffer.wrap(f).getInt(14) == MARKER;
    }

    static int sequence(byte[] f) {
        return ByteBuffer.wrap(f).getInt(18);
    }
}
