package io.wirespeed.driver.tap;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;

/**
 * One net_tap port: a multi-queue tap interface, one descriptor per queue pair, an io_uring per
 * queue. The port's MAC address is the interface's (as in DPDK's tap PMD).
 */
final class TapBackend implements PortBackend {
    /** Requests one io_uring_enter can carry: the longest burst moved by one system call. */
    static final int RING_ENTRIES = 256;

    private final String device;
    private final TapDevice tap;
    private MacAddress mac;

    TapBackend(String device, TapDevice tap) {
        this.device = device;
        this.tap = tap;
        this.mac = tap.macAddress();
    }

    /** The kernel's name for the interface (e.g. dtap0). */
    String interfaceName() {
        return tap.name();
    }

    @Override
    public PortInfo info() {
        return new PortInfo("net_tap", TapDevice.MAX_QUEUES, TapDevice.MAX_QUEUES, 1, 1 << 16, 65535);
    }

    @Override
    public void configure(int rxQueues, int txQueues, PortConf conf) {
        if (rxQueues < txQueues) {
            Log.info("net_tap", device + ": " + rxQueues + " rx queues for " + txQueues
                    + " queue pairs: frames the kernel steers to the unread queues end in imissed");
        }
        tap.queues(Math.max(rxQueues, txQueues));
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        return new TapRxQueue(portId, queueId, tap.fd(queueId), pool, RING_ENTRIES, device + " rx " + queueId);
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        return new TapTxQueue(portId, queueId, tap.fd(queueId), RING_ENTRIES, device + " tx " + queueId);
    }

    /** Brings the interface up (the kernel drops what is written to a tap that is down). */
    @Override
    public void start() {
        TunControl.setUp(tap.name(), true);
    }

    /** Takes an interface this port created down again; one it attached to is left as it is. */
    @Override
    public void stop() {
        if (tap.created()) {
            TunControl.setUp(tap.name(), false);
        }
    }

    @Override
    public void close() {
        tap.close();
    }

    @Override
    public LinkStatus link() {
        return LinkStatus.up(10_000);
    }

    @Override
    public MacAddress defaultMacAddress() {
        return mac;
    }

    @Override
    public void macAddress(MacAddress address) {
        tap.macAddress(address);
        mac = address;
    }

    /** The port receives every frame the kernel sends out of the tap: there is no filter to open. */
    @Override
    public void promiscuous(boolean on) {
    }

    @Override
    public long deviceMissed() {
        return tap.kernelDropped();
    }

    @Override
    public String toString() {
        return device + " on " + tap;
    }
}
