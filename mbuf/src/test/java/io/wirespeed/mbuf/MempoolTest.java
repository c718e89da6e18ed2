package io.wirespeed.mbuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.lcore.LcoreThread;
import io.wirespeed.sys.Log;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MempoolTest {
    private Mempool pool;

    @BeforeEach
    void quiet() {
        Log.quiet(true);
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void allocBulkHandsOutDistinctResetMbufs() {
        pool = Mempool.builder("p", 64).cacheSize(0).build();
        Mbuf[] burst = new Mbuf[32];
        assertThat(pool.allocBulk(burst, 0, 32)).isEqualTo(32);
        IdentityHashMap<Mbuf, Boolean> seen = new IdentityHashMap<>();
        for (Mbuf m : burst) {
            assertThat(seen.put(m, true)).isNull();
            assertThat(m.dataOffset()).isEqualTo(128);
            assertThat(m.dataLength()).isZero();
            assertThat(m.segmentCount()).isEqualTo(1);
            assertThat(m.bufferLength()).isEqualTo(128 + 2048);
            assertThat(m.port()).isEqualTo(Mbuf.NO_PORT);
        }
        assertThat(pool.inUseCount()).isEqualTo(32);
        assertThat(pool.availableCount()).isEqualTo(32);
    }

    @Test
    void exhaustionReturnsZeroTakesNothingAndIsCounted() {
        pool = Mempool.builder("p", 40).cacheSize(0).build();
        Mbuf[] burst = new Mbuf[32];
        assertThat(pool.allocBulk(burst, 0, 32)).isEqualTo(32);
        assertThat(pool.allocBulk(new Mbuf[32], 0, 32)).isZero();
        assertThat(pool.availableCount()).isEqualTo(8);
        assertThat(pool.allocFailures()).isEqualTo(1);
        Mbuf.freeBulk(burst, 0, 32);
        assertThat(pool.availableCount()).isEqualTo(40);
    }

    @Test
    void buffersAreCacheLineAlignedAndDisjoint() {
        pool = Mempool.builder("p", 16).cacheSize(0).dataRoom(100).headroom(0).build();
        for (int i = 0; i < 16; i++) {
            assertThat(pool.get(i).buffer().address() % 64).isZero();
        }
        assertThat(pool.get(1).buffer().address() - pool.get(0).buffer().address()).isEqualTo(128);
    }

    @Test
    void lcoreCacheServesAnLcoreAndEveryMbufComesBack() throws InterruptedException {
        pool = Mempool.builder("p", 1024).cacheSize(64).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LcoreThread t = new LcoreThread(1, "lcore-1", () -> {
            try {
                Mbuf[] burst = new Mbuf[32];
                for (int i = 0; i < 10_000; i++) {
                    assertThat(pool.allocBulk(burst, 0, 32)).isEqualTo(32);
                    Mbuf.freeBulk(burst, 0, 32);
                }
                assertThat(pool.inUseCount()).isZero();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(failure.get()).isNull();
        assertThat(pool.availableCount()).isEqualTo(1024);
    }

    @Test
    void lcoreCacheSteadyStateAllocatesNoHeap() throws InterruptedException {
        pool = Mempool.builder("p", 4096).cacheSize(256).build();
        long[] fewest = {Long.MAX_VALUE};
        LcoreThread t = new LcoreThread(2, "lcore-2", () -> {
            Mbuf[] burst = new Mbuf[32];
            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            // Each round moves 1.6 M mbufs; the JIT settles during the first rounds, so the steady
            // state is the quietest round. Any allocation per mbuf would show in every round.
            for (int round = 0; round < 5; round++) {
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 50_000; i++) {
                    pool.allocBulk(burst, 0, 32);
                    burst[0].length(60);
                    Mbuf.freeBulk(burst, 0, 32);
                }
                fewest[0] = Math.min(fewest[0], mx.getCurrentThreadAllocatedBytes() - before);
            }
        });
        t.start();
        t.join();
        assertThat(fewest[0]).isZero();
    }

    @Test
    void cacheLargerThanPoolIsRejected() {
        assertThatThrownBy(() -> Mempool.builder("p", 8).cacheSize(16).build())
                .hasMessage("mempool p: cache size 16 must be 0..8");
    }

    @Test
    void singleAllocAndFreeRoundTrip() {
        pool = Mempool.builder("p", 2).cacheSize(0).build();
        Mbuf a = pool.alloc();
        Mbuf b = pool.alloc();
        assertThat(pool.alloc()).isNull();
        a.free();
        b.free();
        assertThat(pool.availableCount()).isEqualTo(2);
        assertThat(Arrays.asList(pool.alloc(), pool.alloc())).doesNotContainNull();
    }
}
