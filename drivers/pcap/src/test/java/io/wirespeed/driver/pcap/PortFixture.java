package io.wirespeed.driver.pcap;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the pcap tests share: files in a temporary directory, a pool, ports opened from devargs, closed at the end. */
final class PortFixture implements AutoCloseable {
    static final DriverRegistry REGISTRY = DriverRegistry.load();

    final Path dir;
    final Mempool pool;
    private final List<Port> ports = new ArrayList<>();

    PortFixture(Path dir) {
        this(dir, 1024, 2048);
    }

    PortFixture(Path dir, int mbufs, int dataRoom) {
        this.dir = dir;
        this.pool = Mempool.builder("pcap-test-" + System.nanoTime(), mbufs).cacheSize(0).dataRoom(dataRoom)
                .hugePages(false).build();
    }

    Path file(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens, configures (one queue each way), sets up and starts a port. */
    Port open(String devargs) {
        Port p = REGISTRY.open(ports.size(), devargs);
        ports.add(p);
        p.configure(1, 1, PortConf.defaults());
        p.rxQueueSetup(0, 512, pool);
        p.txQueueSetup(0, 512);
        p.start();
        return p;
    }

    /** Receives until the queue is exhausted (or {@code limit} packets); returns each packet's bytes, freeing the mbufs. */
    static List<byte[]> receiveAll(Port port, int limit) {
        List<byte[]> got = new ArrayList<>();
        Mbuf[] burst = new Mbuf[32];
        int idle = 0;
        while (got.size() < limit && idle < 3) {
            int n = port.rxBurst(0, burst, 0, Math.min(32, limit - got.size()));
            idle = n == 0 ? idle + 1 : 0;
            for (int i = 0; i < n; i++) {
                got.add(burst[i].toByteArray());
            }
            Mbuf.freeBulk(burst, 0, n);
        }
        return got;
    }

    /** Receives one burst of at most {@code n}, keeping the mbufs (the caller frees them). */
    static Mbuf[] receive(Port port, int n) {
        Mbuf[] burst = new Mbuf[n];
        int got = port.rxBurst(0, burst, 0, n);
        return java.util.Arrays.copyOf(burst, got);
    }

    static byte[] frame(int length, int seed) {
        byte[] f = new byte[length];
        for (int i = 0; i < length; i++) {
            f[i] = (byte) (seed * 31 + i);
        }
        return f;
    }

    /** Runs {@code body} and returns what it logged (Log lines), quiet otherwise. */
    static String logOf(Runnable body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        io.wirespeed.sys.Log.to(new PrintStream(buf, true, StandardCharsets.UTF_8));
        io.wirespeed.sys.Log.quiet(false);
        try {
            body.run();
        } finally {
            io.wirespeed.sys.Log.quiet(true);
            io.wirespeed.sys.Log.to(System.err);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (Port p : ports) {
            p.close();
        }
        pool.close();
    }
}
