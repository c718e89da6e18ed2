package io.wirespeed.driver.tap;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.util.ArrayList;
import java.util.List;

/** Opening and driving tap ports in tests. */
final class TapPorts {
    private TapPorts() {
    }

    /** A started port with {@code queues} queue pairs. */
    static Port open(String devargs, int queues, Mempool pool) {
        Port port = DriverRegistry.load().open(0, devargs);
        try {
            port.configure(queues, queues, PortConf.defaults());
            for (int q = 0; q < queues; q++) {
                port.rxQueueSetup(q, 512, pool);
                port.txQueueSetup(q, 512);
            }
            port.start();
            return port;
        } catch (RuntimeException e) {
            port.close();
            throw e;
        }
    }

    /** Sends {@code frame} {@code count} times on queue 0; returns how many the queue took. */
    static int send(Port port, Mempool pool, byte[] frame, int count) {
        Mbuf[] burst = new Mbuf[count];
        if (pool.allocBulk(burst, 0, count) != count) {
            throw new IllegalStateException("pool too small for " + count + " frames");
        }
        for (Mbuf m : burst) {
            m.write(frame);
        }
        int sent = port.txBurst(0, burst, 0, count);
        Mbuf.freeBulk(burst, sent, count - sent);
        return sent;
    }

    /** Whatever queue {@code q} holds now, as byte arrays (the mbufs are freed). */
    static List<byte[]> drain(Port port, int q) {
        List<byte[]> frames = new ArrayList<>();
        Mbuf[] burst = new Mbuf[32];
        for (int n; (n = port.rxBurst(q, burst, 0, 32)) > 0; ) {
            for (int i = 0; i < n; i++) {
                frames.add(burst[i].toByteArray());
            }
            Mbuf.freeBulk(burst, 0, n);
        }
        return frames;
    }
}
