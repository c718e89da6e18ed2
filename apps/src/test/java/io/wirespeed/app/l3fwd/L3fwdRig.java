package io.wirespeed.app.l3fwd;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.CoreList;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * l3fwd over net_ring ports, each hanging on a "wire": l3fwd's port i receives from ring INi and
 * sends to ring OUTi; the test's wire port i sends to INi and receives from OUTi. Frames are
 * injected and collected on the test thread, forwarded on l3fwd's lcore (-l 0-1).
 */
final class L3fwdRig implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Mempool pool;
    final L3fwd l3fwd;
    final List<Port> wires = new ArrayList<>();
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Path routes;

    L3fwdRig(int ports, LookupMode mode, String routesText, UnaryOperator<L3fwdConfig> adjust) {
        Log.quiet(true);
        String u = "l3r" + COUNTER.incrementAndGet() + "x" + Long.toHexString(System.nanoTime());
        try {
            routes = Files.createTempFile("l3fwd-routes", ".txt");
            Files.writeString(routes, routesText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> vdevs = new ArrayList<>();
        for (int i = 0; i < ports; i++) {
            vdevs.add("net_ring" + i + ",rx=" + u + "in" + i + ",tx=" + u + "out" + i + ",size=256");
        }
        L3fwdConfig config = adjust.apply(L3fwdConfig.of(vdevs, CoreList.parseCores("0-1"), (1L << ports) - 1, mode, routes)
                .withHugePages(false));
        pool = Mempool.builder(u, 4096).cacheSize(0).hugePages(false).build();
        try {
            l3fwd = L3fwd.open(config, DriverRegistry.load(), new PrintStream(output, true, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            pool.close();
            deleteRoutes();
            throw e;
        }
        DriverRegistry registry = DriverRegistry.load();
        for (int i = 0; i < ports; i++) {
            Port w = registry.open(100 + i, "net_ring_w" + i + ",rx=" + u + "out" + i + ",tx=" + u + "in" + i + ",size=256");
            w.configure(1, 1, PortConf.defaults());
            w.rxQueueSetup(0, 256, pool);
            w.txQueueSetup(0, 256);
            w.start();
            wires.add(w);
        }
    }

    /** Sends each frame into l3fwd's port {@code port}; fails if the ring refuses one. */
    void inject(int port, byte[]... frames) {
        for (byte[] f : frames) {
            Mbuf m = pool.alloc();
            if (m == null || !m.write(f)) {
                throw new IllegalStateException("cannot build a " + f.length + "-byte mbuf");
            }
            if (wires.get(port).txBurst(0, new Mbuf[] {m}, 0, 1) != 1) {
                m.free();
                throw new IllegalStateException("ring of port " + port + " is full");
            }
        }
    }

    /** What l3fwd's port {@code port} has sent, waiting up to 5 s for {@code expected} frames. */
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

    /** Waits until l3fwd has received {@code packets} in all (up to 5 s), then stops it and reports. */
    L3fwdReport stopAfter(long packets) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (l3fwd.snapshot().received() < packets && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return l3fwd.stop();
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private void deleteRoutes() {
        try {
            Files.deleteIfExists(routes);
        } catch (IOException ignored) {
            // a temporary file; the OS cleans up
        }
    }

    @Override
    public void close() {
        l3fwd.close();
        for (Port w : wires) {
            w.close();
        }
        pool.close();
        deleteRoutes();
    }
}
