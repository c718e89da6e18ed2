package io.wirespeed.virt.traffic;

import io.wirespeed.ethdev.DiscardTxQueue;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.util.List;

/**
 * The built-in wire: a port whose receive side makes the frames of a list of flows (each at its
 * own rate, interleaved burst by burst) and whose transmit side takes every frame and counts it,
 * as a link partner that sinks what it gets. Receive is finite: it ends when every flow has made
 * its count.
 */
public final class TrafficGenerator implements PortBackend {
    public static final String DRIVER = "net_gen";
    private final List<FlowSpec> flows;

    public TrafficGenerator(List<FlowSpec> flows) {
        this.flows = List.copyOf(flows);
    }

    @Override
    public PortInfo info() {
        return new PortInfo(DRIVER, 1, 1, 1, 65536, FlowSpec.MAX_SIZE);
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        return new GeneratorRxQueue(portId, queueId, pool, flows);
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        return new DiscardTxQueue(portId, queueId);
    }

    @Override
    public MacAddress defaultMacAddress() {
        return new MacAddress(0x02_00_00_00_99_00L);
    }

    /** Makes the flows' frames. */
    private static final class GeneratorRxQueue extends RxQueue {
        private final Mempool pool;
        private final FlowSource[] sources;
        private int nextFlow;

        GeneratorRxQueue(int portId, int queueId, Mempool pool, List<FlowSpec> flows) {
            super(portId, queueId);
            this.pool = pool;
            this.sources = flows.stream().map(FlowSource::new).toArray(FlowSource[]::new);
        }

        @Override
        public int rxBurst(Mbuf[] mbufs, int offset, int n) {
            if (sources.length == 0) {
                return 0;
            }
            long now = System.nanoTime();
            int got = 0;
            long bytes = 0;
            for (int tried = 0; tried < sources.length && got < n; tried++) {
                FlowSource s = sources[nextFlow];
                nextFlow = nextFlow + 1 == sources.length ? 0 : nextFlow + 1;
                int made = s.make(pool, mbufs, offset + got, n - got, now);
                if (made == 0 && s.due(now, 1) > 0) {
                    countNoMbuf(1);
                    break;
                }
                for (int i = 0; i < made; i++) {
                    mbufs[offset + got + i].port(portId());
                }
                got += made;
                bytes += (long) made * s.spec().size();
            }
            count(got, bytes);
            return got;
        }

        @Override
        public boolean isFinite() {
            return true;
        }

        @Override
        public boolean isExhausted() {
            for (FlowSource s : sources) {
                if (!s.done()) {
                    return false;
                }
            }
            return true;
        }
    }
}
