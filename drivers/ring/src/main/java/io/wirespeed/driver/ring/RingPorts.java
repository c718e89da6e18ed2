package io.wirespeed.driver.ring;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.ring.Ring;
import java.util.List;

/** Ports over rings an application already holds (DPDK's rte_eth_from_rings). */
public final class RingPorts {
    private RingPorts() {
    }

    /**
     * A port whose receive queue q drains {@code rx.get(q)} and whose transmit queue q feeds
     * {@code tx.get(q)}. Configure it with at most that many queues.
     */
    public static Port fromRings(int portId, String name, List<Ring<Mbuf>> rx, List<Ring<Mbuf>> tx) {
        if (rx.isEmpty() || tx.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs at least one rx and one tx ring");
        }
        List<Ring<Mbuf>> rxRings = List.copyOf(rx);
        List<Ring<Mbuf>> txRings = List.copyOf(tx);
        PortBackend backend = new PortBackend() {
            @Override
            public PortInfo info() {
                return new PortInfo("net_ring", rxRings.size(), txRings.size(), 1, 1 << 16, 65535);
            }

            @Override
            public RxQueue rxQueue(int port, int queueId, int descriptors, Mempool pool) {
                return new RingRxQueue(port, queueId, rxRings.get(queueId));
            }

            @Override
            public TxQueue txQueue(int port, int queueId, int descriptors) {
                return new RingTxQueue(port, queueId, txRings.get(queueId));
            }

            @Override
            public LinkStatus link() {
                return LinkStatus.up(10_000);
            }

            @Override
            public MacAddress defaultMacAddress() {
                return MacAddress.local(0x2000 | portId);
            }
        };
        return new Port(portId, name, "net_ring", backend);
    }
}
