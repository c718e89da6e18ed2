package io.wirespeed.driver.afpacket;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.nio.ByteBuffer;

/** Frames for the tests: Ethernet + IPv4 + UDP with chosen addresses and ports. */
final class TestFrames {
    static final byte[] PEER_MAC = {0x02, 0, 0, 0, 0, 0x0b};
    static final byte[] OTHER_MAC = {0x02, 0, 0, 0, 0, 0x0c};
    /** An experimental EtherType nobody on the host answers. */
    static final int ETHERTYPE_EXPERIMENT = 0x88b5;

    private TestFrames() {
    }

    /** A UDP/IPv4 frame of {@code length} bytes (at least 42) from src to dst port, payload filled with {@code fill}. */
    static byte[] udp(byte[] dstMac, byte[] srcMac, int srcPort, int dstPort, int length, byte fill) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(dstMac).put(srcMac).putShort((short) 0x0800);
        int ipLength = length - 14;
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (ipLength - 20)).putShort((short) 0);
        while (b.hasRemaining()) {
            b.put(fill);
        }
        return b.array();
    }

    /** A frame of the experimental EtherType, numbered in its first payload bytes. */
    static byte[] experiment(byte[] dstMac, byte[] srcMac, int number, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put(dstMac).put(srcMac).putShort((short) ETHERTYPE_EXPERIMENT).putInt(number);
        while (b.hasRemaining()) {
            b.put((byte) b.position());
        }
        return b.array();
    }

    /** {@code count} mbufs from {@code pool}, each holding a copy of {@code frame}. */
    static Mbuf[] mbufs(Mempool pool, byte[] frame, int count) {
        Mbuf[] out = new Mbuf[count];
        for (int i = 0; i < count; i++) {
            out[i] = pool.alloc();
            if (out[i] == null || !out[i].write(frame)) {
                throw new IllegalStateException("pool " + pool.name() + " cannot hold " + count + " frames");
            }
        }
        return out;
    }
}
