package io.wirespeed.net;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

/** Shapes and byte helpers shared by the tests. */
final class TestFrames {
    static final long DST = 0x0200_0000_0002L;
    static final long SRC = 0x0200_0000_0001L;
    static final int IP_A = 0x0a00_0001;
    static final int IP_B = 0x0a00_0002;
    static final long V6_HI = 0x2001_0db8_0000_0000L;

    private TestFrames() {}

    static MemorySegment hex(String hex) {
        return MemorySegment.ofArray(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    static MemorySegment buffer(int bytes) {
        return MemorySegment.ofArray(new byte[bytes]);
    }

    /** A UDP/IPv4 frame with {@code payload} bytes. */
    static FrameBuilder udp4(int payload) {
        return new FrameBuilder().ethernet(DST, SRC).ipv4(IP_A, IP_B).udp(1024, 53).payload(payload);
    }

    static FrameBuilder tcp6(int payload) {
        return new FrameBuilder().ethernet(DST, SRC).ipv6(V6_HI, 1, V6_HI, 2).tcp(40000, 80).payload(payload);
    }

    /** Segment holding exactly what {@code b} writes. */
    static MemorySegment written(FrameBuilder b) {
        MemorySegment s = buffer(b.frameLength());
        b.writeTo(s, 0);
        return s;
    }
}
