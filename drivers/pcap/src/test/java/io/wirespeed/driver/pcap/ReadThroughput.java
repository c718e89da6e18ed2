package io.wirespeed.driver.pcap;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.LcoreThread;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Affinity;
import io.wirespeed.sys.Clock;

/**
 * A quick, JMH-free look at receive speed: reads a capture file front to back (or replays it)
 * in rxonly fashion (rxBurst of 32, free) on one pinned lcore and prints Mpps per run, by wall
 * time and by the lcore's CPU time (the fairer figure on a shared machine). Not a test; run it
 * by hand:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -cp CLASSPATH \
 *     io.wirespeed.driver.pcap.ReadThroughput FILE [runs] [cpu] [infinite-packets]
 * </pre>
 */
public final class ReadThroughput {
    private ReadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String file = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int cpu = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long replay = args.length > 3 ? Long.parseLong(args[3]) : 0;
        DriverRegistry registry = DriverRegistry.load();
        try (Mempool pool = Mempool.builder("rx", 8192).cacheSize(256).build()) {
            for (int run = 0; run < runs; run++) {
                String devargs = "net_pcap0,rx_pcap=" + file + (replay > 0 ? ",infinite_rx=1" : "");
                long openStart = System.nanoTime();
                try (Port port = registry.open(0, devargs)) {
                    port.configure(1, 1, PortConf.defaults());
                    port.rxQueueSetup(0, 1024, pool);
                    port.txQueueSetup(0, 1024);
                    port.start();
                    long openNanos = System.nanoTime() - openStart;
                    long[] result = new long[3];
                    LcoreThread t = new LcoreThread(1, "lcore-1", () -> {
                        Affinity.setCurrentThread(cpu);
                        var rx = port.rxQueue(0);
                        Mbuf[] burst = new Mbuf[32];
                        long packets = 0;
                        long start = System.nanoTime();
                        long cpuStart = Clock.threadCpuNanos();
                        while (replay > 0 ? packets < replay : !rx.isExhausted()) {
                            int n = rx.rxBurst(burst, 0, 32);
                            packets += n;
                            Mbuf.freeBulk(burst, 0, n);
                        }
                        result[0] = packets;
                        result[1] = System.nanoTime() - start;
                        result[2] = Clock.threadCpuNanos() - cpuStart;
                    });
                    t.start();
                    t.join();
                    System.out.printf("run %d: %d packets in %.1f ms = %.2f Mpps; per CPU second of the lcore %.2f Mpps"
                                    + " (open and scan %.1f ms)%n", run, result[0], result[1] / 1e6, result[0] * 1e3 / result[1],
                            result[0] * 1e3 / result[2], openNanos / 1e6);
                }
            }
        }
    }
}
