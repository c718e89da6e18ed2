package io.wirespeed.driver.afxdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.LcoreThread;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.VethPair;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The steady state allocates nothing: two net_af_xdp ports on the two ends of a veth pair, one
 * lcore forwarding each port's arrivals back out of the same port, so that a few bursts of frames
 * circulate through the kernel indefinitely (rx zero-copy, tx zero-copy, completions, fill-ring
 * restocking, a sendto kick per burst).
 */
class AfXdpAllocationTest {
    /**
     * A kick (sendto) comes once per 32-frame burst, so its call site is compiled only after some
     * 10^4 bursts; until then the interpreted downcall allocates. The first rounds are warm-up.
     */
    private static final int ROUNDS = 12;
    private static final int PACKETS_PER_ROUND = 100_000;
    private static final int IN_FLIGHT = 96;

    @Test
    void forwardingInSteadyStateAllocatesNoHeapPerPacket() throws Exception {
        Host.requireRoot();
        Log.quiet(true);
        DriverRegistry registry = DriverRegistry.load();
        long[] allocated = new long[ROUNDS];
        long[] packets = new long[ROUNDS];
        try (VethPair veth = VethPair.create();
             Mempool pool = Mempool.builder("alloc-test", 8192).cacheSize(256).hugePages(false).build();
             Port a = registry.open(0, "net_af_xdp0,iface=" + veth.a());
             Port b = registry.open(1, "net_af_xdp1,iface=" + veth.b());
             Arena arena = Arena.ofShared()) {
            for (Port p : new Port[] {a, b}) {
                p.configure(1, 1, PortConf.defaults());
                p.rxQueueSetup(0, 512, pool);
                p.txQueueSetup(0, 512);
                p.start();
            }
            byte[] frame = TestFrames.frame(1, 64);
            MemorySegment template = arena.allocate(frame.length);
            MemorySegment.copy(frame, 0, template, ValueLayout.JAVA_BYTE, 0, frame.length);

            Throwable[] failure = new Throwable[1];
            LcoreThread lcore = new LcoreThread(3, "afxdp-alloc", () -> {
                try {
                    run(pool, a, b, template, allocated, packets);
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            lcore.start();
            lcore.join();
            assertThat(failure[0]).isNull();
        }
        for (long p : packets) {
            assertThat(p).as("packets per round").isGreaterThanOrEqualTo(PACKETS_PER_ROUND);
        }
        long fewest = Long.MAX_VALUE;
        for (long bytes : allocated) {
            fewest = Math.min(fewest, bytes);
        }
        assertThat(fewest).as("heap bytes in the quietest round of %d packets (rounds: %s)", PACKETS_PER_ROUND,
                java.util.Arrays.toString(allocated)).isZero();
    }

    private static void run(Mempool pool, Port a, Port b, MemorySegment template, long[] allocated, long[] packets) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Mbuf[] burst = new Mbuf[32];
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int round = 0; round < ROUNDS && System.nanoTime() < deadline; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            long moved = 0;
            int idle = 0;
            while (moved < PACKETS_PER_ROUND && System.nanoTime() < deadline) {
                int n = forward(b, burst) + forward(a, burst);
                moved += n;
                idle = n == 0 ? idle + 1 : 0;
                if (idle > 1000) {
                    inject(pool, a, template, burst);   // frames lost in the kernel: put some back in
                    idle = 0;
                }
            }
            allocated[round] = mx.getCurrentThreadAllocatedBytes() - before;
            packets[round] = moved;
        }
    }

    /** Sends back out of {@code port} what it received. */
    private static int forward(Port port, Mbuf[] burst) {
        int n = port.rxBurst(0, burst, 0, 32);
        int sent = port.txBurst(0, burst, 0, n);
        if (sent < n) {
            Mbuf.freeBulk(burst, sent, n - sent);
        }
        return n;
    }

    private static void inject(Mempool pool, Port port, MemorySegment template, Mbuf[] burst) {
        for (int i = 0; i < IN_FLIGHT / 32; i++) {
            if (pool.allocBulk(burst, 0, 32) == 0) {
                return;
            }
            for (int j = 0; j < 32; j++) {
                Mbuf m = burst[j];
                MemorySegment.copy(template, 0, m.buffer(), m.dataOffset(), template.byteSize());
                m.length((int) template.byteSize());
            }
            int sent = port.txBurst(0, burst, 0, 32);
            Mbuf.freeBulk(burst, sent, 32 - sent);
        }
    }
}
