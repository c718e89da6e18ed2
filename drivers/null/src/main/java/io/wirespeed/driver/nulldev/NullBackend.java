package io.wirespeed.driver.nulldev;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** One net_null port. */
final class NullBackend implements PortBackend {
    /** The null device reports the speed DPDK's null PMD does: 10 Gbps. */
    private static final int SPEED_MBPS = 10_000;
    private static final int MAX_QUEUES = 1024;

    private final String name;
    private final int size;
    private final boolean copy;
    private final boolean noRx;
    private final Arena arena = Arena.ofShared();
    private final MacAddress mac;

    NullBackend(String name, int size, boolean copy, boolean noRx) {
        this.name = name;
        this.size = size;
        this.copy = copy;
        this.noRx = noRx;
        this.mac = MacAddress.local(name.hashCode() & 0xffff);
    }

    @Override
    public PortInfo info() {
        return new PortInfo("net_null", MAX_QUEUES, MAX_QUEUES, 1, 1 << 16, 65535);
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        if (!noRx && size > pool.dataRoom()) {
            throw new IllegalArgumentException(name + ": size=" + size + " exceeds the " + pool.dataRoom()
                    + "-byte data room of mempool " + pool.name());
        }
        return new NullRxQueue(portId, queueId, pool, size, noRx, copy ? dummyPacket() : null);
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        return new NullTxQueue(portId, queueId, copy ? dummyPacket() : null);
    }

    /** The bytes copy mode copies from and to, one buffer per queue so that lcores share nothing. */
    private MemorySegment dummyPacket() {
        return arena.allocate(Math.max(size, 64), 64);
    }

    @Override
    public LinkStatus link() {
        return LinkStatus.up(SPEED_MBPS);
    }

    @Override
    public MacAddress defaultMacAddress() {
        return mac;
    }

    @Override
    public void close() {
        arena.close();
    }
}
