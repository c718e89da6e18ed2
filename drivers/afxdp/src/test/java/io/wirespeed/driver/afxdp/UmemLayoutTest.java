package io.wirespeed.driver.afxdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UmemLayoutTest {
    private Mempool pool;
    private UmemLayout layout;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        pool = Mempool.builder("umem", 1000).cacheSize(0).hugePages(false).build();
        layout = UmemLayout.of("net_af_xdp0", pool);
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    @Test
    void everyMbufsChunkIsItsBufferInTheZone() {
        long base = pool.zone().segment().address();
        for (int i = 0; i < pool.size(); i++) {
            assertThat(layout.chunk(i)).isEqualTo(pool.get(i).buffer().address() - base);
        }
    }

    @Test
    void chunkAddressesMapBackToTheirMbuf() {
        for (int i = 0; i < pool.size(); i++) {
            assertThat(layout.indexOf(layout.chunk(i))).isEqualTo(i);
        }
    }

    @Test
    void addressesThatStartNoBufferMapToNothing() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 100_000; n++) {
            int i = random.nextInt(pool.size());
            int off = 1 + random.nextInt(2175);
            assertThat(layout.indexOf(layout.chunk(i) + off)).isEqualTo(-1);
        }
        assertThat(layout.indexOf(layout.chunk(0) - 2176)).isEqualTo(-1);
        assertThat(layout.indexOf(layout.chunk(pool.size() - 1) + 2176)).isEqualTo(-1);
        assertThat(layout.indexOf(-1)).isEqualTo(-1);
        assertThat(layout.indexOf(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void theOddInverseMultipliesToOne() {
        for (long odd : new long[] {1, 3, 17, 0x7fff_ffffL, -1L}) {
            assertThat(odd * UmemLayout.inverseModulo64(odd)).isEqualTo(1);
        }
    }

    @Test
    void buffersShorterThanAChunkAreRefused() {
        try (Mempool small = Mempool.builder("small", 8).dataRoom(1500).cacheSize(0).hugePages(false).build()) {
            assertThatThrownBy(() -> UmemLayout.of("net_af_xdp3", small))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("net_af_xdp3: mempool small has 1628-byte buffers;");
        }
    }
}
