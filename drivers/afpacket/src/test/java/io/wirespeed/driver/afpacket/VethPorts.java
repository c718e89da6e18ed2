package io.wirespeed.driver.afpacket;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.VethPair;
import java.util.ArrayList;
import java.util.List;

/**
 * A veth pair made for one test and the net_af_packet ports opened on it; closing closes the
 * ports, then deletes the pair.
 */
final class VethPorts implements AutoCloseable {
    private static final long WAIT_NANOS = 3_000_000_000L;

    final VethPair veth;
    final Mempool pool;
    private final List<Port> ports = new ArrayList<>();
    private int nextId;

    VethPorts(int poolSize) {
        Host.requireRoot();
        veth = VethPair.create();
        pool = Mempool.builder(veth.a() + "-pool", poolSize).cacheSize(0).hugePages(false).build();
    }

    VethPorts() {
        this(4096);
    }

    /** Opens, configures (queues = qpairs), sets up and starts a port from devargs. */
    Port open(String devargs, int queues) {
        return open(devargs, queues, PortConf.defaults());
    }

    Port open(String devargs, int queues, PortConf conf) {
        int id = nextId++;
        Port port = DriverRegistry.load().open(id, "net_af_packet" + id + "," + devargs);
        ports.add(port);
        port.configure(queues, queues, conf);
        for (int q = 0; q < queues; q++) {
            port.rxQueueSetup(q, 1024, pool);
            port.txQueueSetup(q, 1024);
        }
        port.start();
        return port;
    }

    Port onA(String extra) {
        return open("iface=" + veth.a() + (extra.isEmpty() ? "" : "," + extra), 1);
    }

    Port onB(String extra) {
        return open("iface=" + veth.b() + (extra.isEmpty() ? "" : "," + extra), 1);
    }

    /** Sends every mbuf on queue 0 of {@code port}, retrying what the ring refuses; fails if it never takes them. */
    static void sendAll(Port port, Mbuf[] mbufs) {
        int sent = 0;
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (sent < mbufs.length) {
            sent += port.txBurst(0, mbufs, sent, Math.min(32, mbufs.length - sent));
            if (System.nanoTime() > deadline) {
                throw new AssertionError("port " + port.name() + " took only " + sent + " of " + mbufs.length + " frames");
            }
        }
    }

    /**
     * Polls queue {@code q} until {@code expected} frames came or 3 s passed, then polls on for
     * {@code settleMillis} to catch any extra frame; returns every frame's bytes (and frees the mbufs).
     */
    static List<byte[]> receive(Port port, int q, int expected, long settleMillis) {
        List<byte[]> got = new ArrayList<>();
        Mbuf[] burst = new Mbuf[32];
        long deadline = System.nanoTime() + WAIT_NANOS;
        long settleEnd = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(deadline, settleEnd)) {
            int n = port.rxBurst(q, burst, 0, 32);
            for (int i = 0; i < n; i++) {
                got.add(burst[i].toByteArray());
            }
            Mbuf.freeBulk(burst, 0, n);
            if (got.size() >= expected && settleEnd == Long.MAX_VALUE) {
                settleEnd = System.nanoTime() + settleMillis * 1_000_000L;
            }
            if (n == 0) {
                Thread.onSpinWait();
            }
        }
        return got;
    }

    @Override
    public void close() {
        for (Port p : ports) {
            p.close();
        }
        pool.close();
        veth.close();
    }
}
