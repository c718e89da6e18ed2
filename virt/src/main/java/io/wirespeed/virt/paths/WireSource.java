package io.wirespeed.virt.paths;

import io.wirespeed.ethdev.DiscardTxQueue;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.virt.traffic.FlowSource;
import io.wirespeed.virt.traffic.FlowSpec;
import io.wirespeed.virt.traffic.WireStamp;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wire of a path under test: between trials it is silent; {@link #offer} starts one trial's
 * flow, which it makes at the flow's rate and stamps with the time each frame came off the wire.
 * Transmit is a sink, as a link partner that counts what it gets.
 */
final class WireSource implements PortBackend {
    static final String DRIVER = "net_wire";
    /** The current trial, published by the controlling thread, made by the NIC's service thread. */
    private volatile FlowSource trial;
    /** Frames made since the wire was opened: written by the NIC's thread (opaque), read by the controller. */
    private final AtomicLong offered = new AtomicLong();

    /** Starts a trial; the previous one must have made all its frames. */
    void offer(FlowSpec flow) {
        if (flow.size() < WireStamp.MIN_FRAME) {
            throw new IllegalArgumentException("a path trial's frames carry a timestamp: at least " + WireStamp.MIN_FRAME
                    + " bytes (got " + flow.size() + ")");
        }
        trial = new FlowSource(flow);
    }

    long offered() {
        return offered.getOpaque();
    }

    @Override
    public PortInfo info() {
        return new PortInfo(DRIVER, 1, 1, 1, 65536, FlowSpec.MAX_SIZE);
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        return new RxQueue(portId, queueId) {
            @Override
            public int rxBurst(Mbuf[] mbufs, int offset, int n) {
                FlowSource s = trial;
                if (s == null || s.done()) {
                    return 0;
                }
                long now = System.nanoTime();
                int made = s.make(pool, mbufs, offset, n, now);
                if (made == 0) {
                    if (s.due(now, 1) > 0) {
                        countNoMbuf(1);
                    }
                    return 0;
                }
                for (int i = 0; i < made; i++) {
                    Mbuf m = mbufs[offset + i];
                    m.port(portId());
                    WireStamp.write(m.buffer(), m.dataOffset(), now);
                }
                offered.setOpaque(offered.getOpaque() + made);
                count(made, (long) made * s.spec().size());
                return made;
            }
        };
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        return new DiscardTxQueue(portId, queueId);
    }
}
