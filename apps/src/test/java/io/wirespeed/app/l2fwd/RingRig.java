package io.wirespeed.app.l2fwd;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.CoreList;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * l2fwd over net_ring ports, each hanging on a "wire": l2fwd's port i receives from ring INi and
 * sends to ring OUTi; the test's wire port i sends to INi and receives from OUTi. Frames are
 * injected and collected on the test thread, forwarded on l2fwd's lcore.
 */
final class RingRig implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Mempool pool;
    final L2fwd l2fwd;
    final List<Port> wires = new ArrayList<>();
    final ByteArrayOutputStream output = new ByteArrayOutputStream();

    /** {@code ports} ring ports, mask {@code mask}, -l 0-1, -q = all ports on the one forwarding lcore. */
    RingRig(int ports, long mask, UnaryOperator<L2fwdConfig> adjust) {
        this(ports, mask, 64, adjust);
    }

    RingRig(int ports, long mask, int ringSize, UnaryOperator<L2fwdConfig> adjust) {
        Log.quiet(true);
        String u = "l2r" + COUNTER.incrementAndGet() + "x" + Long.toHexString(System.nanoTime());
        List<String> vdevs = new ArrayList<>();
        for (int i = 0; i < ports; i++) {
            vdevs.add("net_ring" + i + ",rx=" + u + "in" + i + ",tx=" + u + "out" + i + ",size=" + ringSize);
        }
        L2fwdConfig config = adjust.apply(L2fwdConfig.of(vdevs, CoreList.parseCores("0-1"), mask)
                .withPortsPerLcore(Math.max(1, Long.bitCount(mask))).withHugePages(false));
        pool = Mempool.builder(u, 4096).cacheSize(0).hugePages(false).build();
        try {
            l2fwd = L2fwd.open(config, DriverRegistry.load(), new PrintStream(output, true, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        DriverRegistry registry = DriverRegistry.load();
        for (int i = 0; i < ports; i++) {
            Port w = registry.open(100 + i, "net_ring_w" + i + ",rx=" + u + "out" + i + ",tx=" + u + "in" + i + ",size=" + ringSize);
            w.configure(1, 1, PortConf.defaults());
            w.rxQueueSetup(0, 64, pool);
            w.txQueueSetup(0, 64);
            w.start();
            wires.add(w);
        }
    }

    /** Sends each frame into l2fwd's port {@code port}; returns how many the ring took. */
    int inject(int port, byte[]... frames) {
        int taken = 0;
        for (byte[] f : frames) {
            Mbuf m = pool.alloc();
            if (m == null || !m.write(f)) {
                throw new IllegalStateException("cannot build a " + f.length + "-byte mbuf");
            }
            if (wires.get(port).txBurst(0, new Mbuf[] {m}, 0, 1) == 1) {
                taken++;
            } else {
                m.free();
            }
        }
        return taken;
    }

    /** What l2fwd's port {@code port} has transmitted, waiting up to 5 s for {@code expected} frames. */
    List<byte[]> collect(int port, int expected) {
        List<byte[]> frames = new ArrayList<>();
        Mbuf[] burst = new Mbuf[64];
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (frames.size() < expected && System.nanoTime() < deadline) {
            int n = wires.get(port).rxBurst(0, burst, 0, burst.length);
            for (int i = 0; i < n; i++) {
                frames.add(burst[i].toByteArray());
            }
            Mbuf.freeBulk(burst, 0, n);
            if (n == 0) {
                Thread.onSpinWait();
            }
        }
        return frames;
    }

    /** Waits until l2fwd has received {@code packets} in all (up to 5 s). */
    void awaitReceived(long packets) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (l2fwd.snapshot().totals().rx() < packets && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        l2fwd.close();
        for (Port w : wires) {
            w.close();
        }
        pool.close();
    }
}
