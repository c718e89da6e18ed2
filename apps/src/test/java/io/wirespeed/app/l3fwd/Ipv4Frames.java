package io.wirespeed.app.l3fwd;

import io.wirespeed.net.FrameBuilder;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** IPv4 and IPv6 frames for l3fwd's tests, and readers of the fields l3fwd rewrites. */
final class Ipv4Frames {
    static final long HOST_MAC = 0x02_aa_00_00_00_01L;
    static final long ROUTER_MAC = 0x02_bb_00_00_00_02L;

    private Ipv4Frames() {
    }

    static int ip(String dotted) {
        String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
    }

    /** A UDP/IPv4 frame from 192.0.2.1:1000 to {@code dst}:53 with TTL {@code ttl}. */
    static byte[] udp(String dst, int ttl) {
        return bytes(new FrameBuilder().ethernet(ROUTER_MAC, HOST_MAC).ipv4(ip("192.0.2.1"), ip(dst)).ttl(ttl)
                .udp(1000, 53).payload(18));
    }

    static byte[] udp(String src, String dst, int sport, int dport) {
        return bytes(new FrameBuilder().ethernet(ROUTER_MAC, HOST_MAC).ipv4(ip(src), ip(dst)).ttl(64)
                .udp(sport, dport).payload(18));
    }

    /** A UDP/IPv6 frame from 2001:db8:ffff::1 to {@code dst}:53 with hop limit {@code hopLimit}. */
    static byte[] udp6(String dst, int hopLimit) {
        var to = io.wirespeed.classify.lpm.Ipv6Prefixes.parseAddress(dst);
        return bytes(new FrameBuilder().ethernet(ROUTER_MAC, HOST_MAC)
                .ipv6(0x2001_0db8_ffff_0000L, 1, to.high(), to.low()).ttl(hopLimit).udp(1000, 53).payload(18));
    }

    static int hopLimit(byte[] f) {
        return f[14 + 7] & 0xff;
    }

    /** The low 8 bytes of an IPv6 frame's destination. */
    static long dst6Low(byte[] f) {
        return ByteBuffer.wrap(f).getLong(14 + 32);
    }

    static byte[] bytes(FrameBuilder b) {
        byte[] f = new byte[b.frameLength()];
        b.writeTo(MemorySegment.ofArray(f), 0);
        return f;
    }

    static long dstMac(byte[] f) {
        return ByteBuffer.wrap(f).getLong(0) >>> 16;
    }

    static long srcMac(byte[] f) {
        return ByteBuffer.wrap(f).getLong(6) >>> 16;
    }

    static int ttl(byte[] f) {
        return f[14 + 8] & 0xff;
    }

    static int dst(byte[] f) {
        return ByteBuffer.wrap(f).getInt(14 + 16);
    }
}
