package io.wirespeed.driver.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.lcore.LcoreThread;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data path allocates nothing: several rounds of 100 k packets on an lcore (so the mempool's
 * lcore cache is used), the quietest round after the JIT settled must show 0 heap bytes. Any
 * allocation per packet or per burst would show in every round.
 */
class SteadyStateAllocationTest {
    private static final int ROUNDS = 6;
    private static final int PER_ROUND = 100_000;
    private static final int BURST = 32;

    @TempDir
    Path dir;
    private PortFixture fx;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        fx = new PortFixture(dir, 4096, 2048);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    /** Runs {@code rounds} of {@code round} on lcore 3; returns the fewest bytes one round allocated. */
    private static long fewestBytes(Runnable round) throws InterruptedException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] fewest = {Long.MAX_VALUE};
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LcoreThread t = new LcoreThread(3, "lcore-3", () -> {
            try {
                for (int r = 0; r < ROUNDS; r++) {
                    long before = mx.getCurrentThreadAllocatedBytes();
                    round.run();
                    fewest[0] = Math.min(fewest[0], mx.getCurrentThreadAllocatedBytes() - before);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(failure.get()).isNull();
        return fewest[0];
    }

    private static void receiveRound(Port port, Mbuf[] burst) {
        int got = 0;
        while (got < PER_ROUND) {
            int n = port.rxBurst(0, burst, 0, BURST);
            got += n;
            Mbuf.freeBulk(burst, 0, n);
        }
    }

    @Test
    void replayAllocatesNothingPerPacket() throws InterruptedException {
        Path f = fx.file("r.pcap", ClassicBytes.micros(ByteOrder.LITTLE_ENDIAN).record(1, 1, PortFixture.frame(60, 1))
                .record(1, 2, PortFixture.frame(1514, 2)).record(1, 3, PortFixture.frame(64, 3)).bytes());
        Port port = fx.open("net_pcap0,rx_pcap=" + f + ",infinite_rx=1");
        Mbuf[] burst = new Mbuf[BURST];
        assertThat(fewestBytes(() -> receiveRound(port, burst))).isZero();
    }

    /** Writes ROUNDS x PER_ROUND packets through tx (measured), then reads the file back through rx (measured). */
    private void writeThenRead(String txKey, String file) throws InterruptedException {
        Path out = dir.resolve(file);
        Port writer = fx.open("net_pcap0," + txKey + "=" + out);
        long[] stamp = {0};
        Mbuf[] burst = new Mbuf[BURST];
        long txFewest = fewestBytes(() -> {
            for (int sent = 0; sent < PER_ROUND; sent += BURST) {
                fx.pool.allocBulk(burst, 0, BURST);
                for (Mbuf m : burst) {
                    m.length(20);
                    m.timestamp(stamp[0]++ & 1); // every other packet unstamped: the clock path too
                }
                writer.txBurst(0, burst, 0, BURST);
            }
        });
        writer.close();
        assertThat(writer.stats().oerrors()).isZero();
        Port reader = fx.open("net_pcap1,rx_pcap=" + out);
        long rxFewest = fewestBytes(() -> receiveRound(reader, burst));
        assertThat(txFewest).as("tx bytes allocated in the quietest round").isZero();
        assertThat(rxFewest).as("rx bytes allocated in the quietest round").isZero();
        assertThat(reader.stats().ipackets()).isEqualTo((long) ROUNDS * PER_ROUND);
    }

    @Test
    void writingAndReadingClassicPcapAllocateNothingPerPacket() throws InterruptedException {
        writeThenRead("tx_pcap", "a.pcap");
    }

    @Test
    void writingAndReadingPcapngAllocateNothingPerPacket() throws InterruptedException {
        writeThenRead("tx_pcapng", "a.pcapng");
    }
}
