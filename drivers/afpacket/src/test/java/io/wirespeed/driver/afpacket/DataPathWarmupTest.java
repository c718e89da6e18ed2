package io.wirespeed.driver.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mempool;
import org.junit.jupiter.api.Test;

class DataPathWarmupTest {
    @Test
    void syntheticFramesGoThroughReceiveAndTransmitAndEveryMbufComesBack() {
        try (Mempool pool = Mempool.builder("warmup-test", 256).cacheSize(0).hugePages(false).build()) {
            assertThat(DataPathWarmup.run(pool, true, 3)).isEqualTo(3 * 400);
            assertThat(DataPathWarmup.run(pool, false, 2)).isEqualTo(2 * 400);
            assertThat(pool.inUseCount()).isZero();
        }
    }
}
