package io.wirespeed.ethdev;

import io.wirespeed.mbuf.Mempool;
import java.util.List;

/**
 * The driver's side of a port (DPDK's eth_dev_ops). {@link Port} keeps the state machine and
 * checks arguments; a backend only does the device work.
 */
public interface PortBackend {
    PortInfo info();

    /** Creates receive queue {@code queueId} with {@code descriptors} slots, filling from {@code pool}. */
    RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool);

    TxQueue txQueue(int portId, int queueId, int descriptors);

    default void configure(int rxQueues, int txQueues, PortConf conf) {
    }

    default void start() {
    }

    default void stop() {
    }

    /** Releases the device (sockets, mappings, rings it created). */
    default void close() {
    }

    default LinkStatus link() {
        return LinkStatus.up(0);
    }

    /** The address the device starts with. */
    default MacAddress defaultMacAddress() {
        return MacAddress.ZERO;
    }

    default void macAddress(MacAddress address) {
    }

    default void promiscuous(boolean on) {
    }

    default void allMulticast(boolean on) {
    }

    /** Packets the device dropped beyond what the queues counted (e.g. the kernel's drop counter). */
    default long deviceMissed() {
        return 0;
    }

    /** Driver-specific extended statistics, appended to the standard ones. */
    default List<XStat> extraXStats() {
        return List.of();
    }
}
