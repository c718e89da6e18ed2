package io.wirespeed.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.testkit.Allocations;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Parsing, checksumming and rebuilding a frame of the same shape allocate nothing once warm. */
class NetAllocationTest {
    private static void assertAllocatesNothing(Runnable round) {
        Allocations.assertSteadyStateAllocatesNothing("the round", round);
    }

    @Test
    void parseAllocatesNothing() {
        PacketParser parser = new PacketParser();
        MemorySegment[] frames = {
            TestFrames.written(TestFrames.udp4(18)),
            TestFrames.written(TestFrames.tcp6(0).ipv6Extension(IpProtocols.HOP_BY_HOP, new byte[6])
                    .ipv6Fragment(0, true, 1)),
            TestFrames.written(TestFrames.udp4(0).vxlan(1, 2, TestFrames.tcp6(10).qinq(1, 2))),
            TestFrames.written(new FrameBuilder().ethernet(1, 2).arp(1, 2, 3, 4, 5)),
        };
        try (Mempool pool = Mempool.builder("alloc", 4).cacheSize(0).hugePages(false).build()) {
            Mbuf m = pool.alloc();
            TestFrames.udp4(0).vlan(3).writeTo(m);
            int[] sink = new int[1];
            assertAllocatesNothing(() -> {
                for (int i = 0; i < 20_000; i++) {
                    MemorySegment s = frames[i & 3];
                    sink[0] += parser.parse(s, 0, (int) s.byteSize() - (i & 16)); // some truncated: malformed
                    sink[0] += parser.parse(m);
                }
            });
            assertThat(parser.malformed()).isPositive();
            m.free();
        }
    }

    @Test
    void checksumsAllocateNothing() {
        MemorySegment udp4 = TestFrames.written(TestFrames.udp4(1458));
        MemorySegment tcp6 = TestFrames.written(TestFrames.tcp6(100));
        int[] sink = new int[1];
        assertAllocatesNothing(() -> {
            for (int i = 0; i < 20_000; i++) {
                sink[0] += Checksums.ipv4HeaderChecksum(udp4, 14);
                sink[0] += Checksums.ipv4HeaderValid(udp4, 14) ? 1 : 0;
                sink[0] += Checksums.udpIpv4Checksum(udp4, 14, 34);
                sink[0] += Checksums.udpIpv4Valid(udp4, 14, 34) ? 1 : 0;
                sink[0] += Checksums.tcpIpv6Checksum(tcp6, 14, 54);
                sink[0] += Checksums.tcpIpv6Valid(tcp6, 14, 54) ? 1 : 0;
                sink[0] += Checksums.update32(sink[0] & 0xffff, i, ~i);
                NetworkOrder.setU8(udp4, 22, 64);
                sink[0] += Checksums.decrementTtl(udp4, 14);
            }
        });
    }

    @Test
    void rebuildingTheSameShapeAllocatesNothing() {
        FrameBuilder inner = TestFrames.tcp6(10);
        FrameBuilder b = TestFrames.udp4(0).vxlan(1, 2, inner);
        MemorySegment s = MemorySegment.ofArray(new byte[2048]);
        assertAllocatesNothing(() -> {
            for (int i = 0; i < 10_000; i++) {
                inner.tcp(i & 0xffff, 80);
                b.vxlan(i & 0xffff, i, inner);
                b.writeTo(s, 0);
            }
        });
    }
}
