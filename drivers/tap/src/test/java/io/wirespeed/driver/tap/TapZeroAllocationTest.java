package io.wirespeed.driver.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.lcore.LcoreThread;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Names;
import io.wirespeed.testkit.Netns;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The data path allocates no heap in steady state: frames go out of one tap port, through a
 * Linux bridge (in a namespace of its own) and back in through a second. Needs root and ip.
 */
class TapZeroAllocationTest {
    private static final int ROUNDS = 6;
    private static final int FRAMES_PER_ROUND = 100_000;
    private static final int BURST = 32;

    @Test
    void sendingAndReceivingAllocatesNoHeapInSteadyState() throws Exception {
        Host.requireRoot();
        Host.requireTools("ip");
        Log.quiet(true);
        String a = Names.unique() + "t";
        String b = Names.unique() + "t";
        try (Mempool pool = Mempool.builder("tap-zero", 8192).cacheSize(256).hugePages(false).build();
             Port portA = TapPorts.open("net_tap0,iface=" + a, 1, pool);
             Port portB = TapPorts.open("net_tap1,iface=" + b, 1, pool);
             Netns ns = Netns.create()) {
            Host.run("ip", "link", "set", a, "netns", ns.name());
            Host.run("ip", "link", "set", b, "netns", ns.name());
            ns.exec("ip", "link", "add", "br0", "type", "bridge");
            for (String dev : new String[] {a, b}) {
                ns.exec("sysctl", "-qw", "net.ipv6.conf." + dev + ".disable_ipv6=1");
                ns.exec("ip", "link", "set", dev, "master", "br0");
                ns.exec("ip", "link", "set", dev, "up");
            }
            ns.exec("ip", "link", "set", "br0", "up");

            long[] fewestBytes = {Long.MAX_VALUE};
            long[] received = {0};
            AtomicReference<Throwable> failure = new AtomicReference<>();
            LcoreThread lcore = new LcoreThread(1, "lcore-1", () -> {
                try {
                    runRounds(pool, portA, portB, fewestBytes, received);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            lcore.start();
            lcore.join();

            assertThat(failure.get()).isNull();
            assertThat(portA.stats().opackets()).isEqualTo((long) ROUNDS * FRAMES_PER_ROUND);
            assertThat(received[0]).as("frames back through the bridge").isGreaterThan(ROUNDS * FRAMES_PER_ROUND / 2L);
            assertThat(fewestBytes[0]).as("heap bytes allocated in the quietest round of " + FRAMES_PER_ROUND
                    + " frames").isZero();
        }
    }

    /** Each round sends 100 k frames on A and takes what arrives on B; the JIT settles in the first rounds. */
    private static void runRounds(Mempool pool, Port portA, Port portB, long[] fewestBytes, long[] received) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] frame = EtherFrames.frame(EtherFrames.BROADCAST, 0x02_00_00_00_0a_01L, EtherFrames.TYPE_EXPERIMENTAL, 64);
        Mbuf[] tx = new Mbuf[BURST];
        Mbuf[] rx = new Mbuf[BURST];
        long got = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            int sent = 0;
            while (sent < FRAMES_PER_ROUND) {
                int n = Math.min(BURST, FRAMES_PER_ROUND - sent);
                if (pool.allocBulk(tx, 0, n) == n) {
                    for (int i = 0; i < n; i++) {
                        Mbuf m = tx[i];
                        // The frame's bytes (test data, allocated before the round) copied in without allocating.
                        java.lang.foreign.MemorySegment.copy(frame, 0, m.buffer(), java.lang.foreign.ValueLayout.JAVA_BYTE,
                                m.dataOffset(), frame.length);
                        m.length(frame.length);
                    }
                    int took = portA.txBurst(0, tx, 0, n);
                    Mbuf.freeBulk(tx, took, n - took);
                    sent += took;
                }
                int r = portB.rxBurst(0, rx, 0, BURST);
                got += r;
                Mbuf.freeBulk(rx, 0, r);
            }
            for (int idle = 0; idle < 1000; idle++) {
                int r = portB.rxBurst(0, rx, 0, BURST);
                got += r;
                Mbuf.freeBulk(rx, 0, r);
            }
            fewestBytes[0] = Math.min(fewestBytes[0], mx.getCurrentThreadAllocatedBytes() - before);
        }
        received[0] = got;
    }
}
