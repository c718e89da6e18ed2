package io.wirespeed.driver.ring;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.ring.Ring;

/** One net_ring port: its queues attach to named rings when they are set up. */
final class RingBackend implements PortBackend {
    private static final int MAX_QUEUES = 16;

    private final String name;
    private final String rxName;
    private final String txName;
    private final int size;
    private final MacAddress mac;

    RingBackend(String name, String rxName, String txName, int size) {
        this.name = name;
        this.rxName = rxName;
        this.txName = txName;
        this.size = size;
        this.mac = MacAddress.local(0x1000 | name.hashCode() & 0xfff);
    }

    @Override
    public PortInfo info() {
        return new PortInfo("net_ring", MAX_QUEUES, MAX_QUEUES, 1, 1 << 16, 65535);
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        String ring = rxName + "-" + queueId;
        String who = name + " rx " + queueId;
        Ring<Mbuf> r = NamedRings.attachConsumer(ring, size, who);
        return new RingRxQueue(portId, queueId, r) {
            @Override
            protected void release() {
                NamedRings.detach(ring, who);
            }
        };
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        String ring = txName + "-" + queueId;
        String who = name + " tx " + queueId;
        Ring<Mbuf> r = NamedRings.attachProducer(ring, size, who);
        return new RingTxQueue(portId, queueId, r) {
            @Override
            protected void release() {
                NamedRings.detach(ring, who);
            }
        };
    }

    @Override
    public LinkStatus link() {
        return LinkStatus.up(10_000);
    }

    @Override
    public MacAddress defaultMacAddress() {
        return mac;
    }
}
