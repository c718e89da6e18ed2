package io.wirespeed.classify.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.FrameBuilder;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Extracting flow keys, malformed frames included, allocates nothing. */
class FlowKeyExtractorAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void extractingAllocatesNothing() {
        try (Mempool pool = Mempool.builder("fka" + System.nanoTime(), 8).cacheSize(0).hugePages(false).build()) {
            Mbuf udp4 = pool.alloc();
            Mbuf tcp6 = pool.alloc();
            Mbuf truncated = pool.alloc();
            new FrameBuilder().ethernet(1, 2).vlan(7).ipv4(3, 4).udp(5, 6).payload(10).writeTo(udp4);
            new FrameBuilder().ethernet(1, 2).ipv6(1, 2, 3, 4).tcp(5, 6).writeTo(tcp6);
            new FrameBuilder().ethernet(1, 2).ipv4(3, 4).udp(5, 6).writeTo(truncated);
            truncated.dataLength(20);
            truncated.packetLength(20);
            FlowKeyExtractor extractor = new FlowKeyExtractor();
            FlowKey key = new FlowKey();
            THREADS.getCurrentThreadAllocatedBytes();
            int zeroRoundsInARow = 0;
            long[] perRound = new long[30];
            long sink = 0;
            for (int round = 0; round < perRound.length && zeroRoundsInARow < 3; round++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 20_000; i++) {
                    extractor.extract(udp4, key);
                    sink += key.get(FlowField.UDP_DST);
                    extractor.extract(tcp6, key);
                    sink += key.get(FlowField.TCP_SRC);
                    sink += extractor.extract(truncated, key) ? 1 : 0;
                }
                perRound[round] = THREADS.getCurrentThreadAllocatedBytes() - before;
                zeroRoundsInARow = perRound[round] == 0 ? zeroRoundsInARow + 1 : 0;
            }
            udp4.free();
            tcp6.free();
            truncated.free();
            assertThat(zeroRoundsInARow).as("bytes per round %s (sink %d)", Arrays.toString(perRound), sink).isEqualTo(3);
        }
    }
}
