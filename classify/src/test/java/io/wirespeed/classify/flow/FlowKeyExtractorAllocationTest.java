package io.wirespeed.classify.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.FrameBuilder;
import io.wirespeed.testkit.Allocations;
import org.junit.jupiter.api.Test;

/** Extracting flow keys, malformed frames included, allocates nothing. */
class FlowKeyExtractorAllocationTest {
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
            long[] sink = {0};
            Allocations.assertSteadyStateAllocatesNothing("flow key extraction", () -> {
                for (int i = 0; i < 20_000; i++) {
                    extractor.extract(udp4, key);
                    sink[0] += key.get(FlowField.UDP_DST);
                    extractor.extract(tcp6, key);
                    sink[0] += key.get(FlowField.TCP_SRC);
                    sink[0] += extractor.extract(truncated, key) ? 1 : 0;
                }
            });
            udp4.free();
            tcp6.free();
            truncated.free();
            assertThat(sink[0]).as("work was done").isNotZero();
        }
    }
}
