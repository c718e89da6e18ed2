package io.wirespeed.app.testpmd;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device under test and the wire it hangs on, both net_ring ports: {@code dut} receives from
 * ring IN and transmits to ring OUT; {@code wire} transmits to IN and receives from OUT. A test
 * injects crafted frames with {@link #inject}, runs an engine on {@link #stream} (on its own
 * thread: every ring keeps one producer and one consumer) and reads what came out with
 * {@link #collect}.
 */
final class RingWire implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Mempool pool;
    final Port dut;
    final Port wire;

    RingWire() {
        Log.quiet(true);
        String u = uniqueName("wire");
        pool = Mempool.builder(u, 1024).cacheSize(0).hugePages(false).build();
        DriverRegistry registry = DriverRegistry.load();
        Port d = null;
        try {
            d = open(registry, 0, "net_ring_dut,rx=" + u + "in,tx=" + u + "out");
            wire = open(registry, 1, "net_ring_wire,rx=" + u + "out,tx=" + u + "in");
        } catch (RuntimeException e) {
            if (d != null) {
                d.close();
            }
            pool.close();
            throw e;
        }
        dut = d;
    }

    /** A name no other test uses, for process-global ring names. */
    static String uniqueName(String prefix) {
        return prefix + COUNTER.incrementAndGet() + "x" + Long.toHexString(System.nanoTime());
    }

    private Port open(DriverRegistry registry, int id, String devargs) {
        Port p = registry.open(id, devargs);
        p.configure(1, 1, PortConf.defaults());
        p.rxQueueSetup(0, 64, pool);
        p.txQueueSetup(0, 64);
        p.start();
        return p;
    }

    /** A stream from the dut's rx queue to its tx queue, with the given addresses and a burst of 32. */
    ForwardStream stream(MacAddress rxPortMac, MacAddress txPortMac, MacAddress peerMac) {
        return new ForwardStream(0, 0, dut.rxQueue(0), 0, 0, dut.txQueue(0), pool, 32, rxPortMac, txPortMac, peerMac);
    }

    ForwardStream stream() {
        return stream(dut.macAddress(), dut.macAddress(), MacAddress.local(0));
    }

    /** Puts each frame in an mbuf of the pool and sends it towards the dut. */
    void inject(byte[]... frames) {
        for (byte[] f : frames) {
            Mbuf m = pool.alloc();
            if (m == null || !m.write(f)) {
                throw new IllegalStateException("cannot build a " + f.length + "-byte mbuf");
            }
            inject(m);
        }
    }

    void inject(Mbuf m) {
        if (wire.txBurst(0, new Mbuf[] {m}, 0, 1) != 1) {
            throw new IllegalStateException("ring towards the dut is full");
        }
    }

    /** Everything the dut transmitted so far, as byte arrays; the mbufs go back to their pool. */
    List<byte[]> collect() {
        List<byte[]> frames = new ArrayList<>();
        Mbuf[] burst = new Mbuf[64];
        for (int n; (n = wire.rxBurst(0, burst, 0, burst.length)) > 0; ) {
            for (int i = 0; i < n; i++) {
                frames.add(burst[i].toByteArray());
            }
            Mbuf.freeBulk(burst, 0, n);
        }
        return frames;
    }

    @Override
    public void close() {
        dut.close();
        wire.close();
        pool.close();
    }
}
