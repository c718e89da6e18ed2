package io.wirespeed.driver.afpacket;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.ethdev.XStat;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Errno;
import io.wirespeed.sys.NetInterfaces;
import io.wirespeed.sys.SysException;
import java.util.ArrayList;
import java.util.List;

/**
 * One net_af_packet port: a control socket (permission check, MAC address, promiscuous and
 * all-multicast memberships, which the kernel undoes when the socket closes) and one
 * {@link QueuePair} per {@code qpairs}. Sockets and rings are made when the port is opened, so
 * that every mistake shows there; they are bound to the interface, and join their fanout group,
 * when the port first starts.
 */
final class AfPacketBackend implements PortBackend {
    /** Smallest mempool data room receive works with (a frame's first 16 bytes must fit one segment). */
    static final int MIN_DATA_ROOM = 64;

    private final AfPacketConfig config;
    private final int ifindex;
    private final int controlFd;
    private final MacAddress mac;
    private final QueuePair[] pairs;
    private final AfPacketRxQueue[] rxQueues;
    private final AddressFilter filter = new AddressFilter();
    private boolean promiscuous;
    private boolean allMulticast;
    private boolean fanoutFormed;

    private AfPacketBackend(AfPacketConfig config, int ifindex, int controlFd, MacAddress mac, QueuePair[] pairs) {
        this.config = config;
        this.ifindex = ifindex;
        this.controlFd = controlFd;
        this.mac = mac;
        this.pairs = pairs;
        this.rxQueues = new AfPacketRxQueue[pairs.length];
    }

    static AfPacketBackend open(AfPacketConfig config) {
        String device = config.device();
        int ifindex;
        try {
            ifindex = NetInterfaces.index(config.iface());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(device + ": " + e.getMessage(), e);
        }
        int control = PacketSocket.open(device);
        QueuePair[] pairs = new QueuePair[config.qpairs()];
        try {
            MacAddress mac = new MacAddress(PacketSocket.hardwareAddress(control, config.iface()));
            for (int q = 0; q < pairs.length; q++) {
                pairs[q] = QueuePair.open(config, q);
            }
            return new AfPacketBackend(config, ifindex, control, mac, pairs);
        } catch (RuntimeException e) {
            for (QueuePair p : pairs) {
                if (p != null) {
                    p.close();
                }
            }
            PacketSocket.closeQuietly(control);
            throw e;
        }
    }

    @Override
    public PortInfo info() {
        return new PortInfo("net_af_packet", pairs.length, pairs.length, 1, 1 << 16, pairs[0].txSlotCapacity);
    }

    /**
     * Every queue pair's socket receives its share of the traffic, so every one needs an rx queue
     * that is polled: fewer rx queues than qpairs would drop frames unseen.
     */
    @Override
    public void configure(int rxQueueCount, int txQueueCount, PortConf conf) {
        if (rxQueueCount != pairs.length) {
            throw new IllegalArgumentException(config.device() + ": qpairs=" + pairs.length + " needs " + pairs.length
                    + " rx queues (configured " + rxQueueCount + "): configure " + pairs.length
                    + " (testpmd: --rxq " + pairs.length + " --txq " + pairs.length + ") or set qpairs=" + rxQueueCount);
        }
    }

    /** {@code descriptors} is not used: the ring's size comes from blocksz/framesz/framecnt. */
    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        if (pool.dataRoom() < MIN_DATA_ROOM) {
            throw new IllegalArgumentException(config.device() + ": mempool " + pool.name() + " has a " + pool.dataRoom()
                    + "-byte data room; receive needs at least " + MIN_DATA_ROOM);
        }
        AfPacketRxQueue q = new AfPacketRxQueue(portId, queueId, pairs[queueId], pool, filter);
        rxQueues[queueId] = q;
        return q;
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        return new AfPacketTxQueue(portId, queueId, pairs[queueId]);
    }

    @Override
    public void start() {
        if (rxQueues[0] != null) {
            DataPathWarmup.once(rxQueues[0].pool(), pairs[0].vnetHeader);
        }
        int mtu = InterfaceFacts.mtu(config.iface());
        for (QueuePair p : pairs) {
            p.limitTxFrames(mtu);
            try {
                p.bind(ifindex);
            } catch (SysException e) {
                throw new IllegalArgumentException(config.device() + ": cannot bind to " + config.iface() + ": "
                        + Errno.name(e.errno()) + " (" + Errno.description(e.errno()) + ")", e);
            }
        }
        if (pairs.length > 1 && !fanoutFormed) {
            formFanoutGroup();
        }
    }

    /**
     * The first socket asks the kernel for an unused group id (PACKET_FANOUT_FLAG_UNIQUEID), the
     * others join that id: ports of one process, or of several, never share a group.
     */
    private void formFanoutGroup() {
        FanoutMode mode = config.fanoutMode();
        try {
            PacketSocket.joinFanout(pairs[0].fd, 0, mode.typeFlags() | FanoutMode.FLAG_UNIQUEID);
            int id = PacketSocket.fanoutId(pairs[0].fd);
            for (int q = 1; q < pairs.length; q++) {
                PacketSocket.joinFanout(pairs[q].fd, id, mode.typeFlags());
            }
        } catch (SysException e) {
            throw new IllegalArgumentException(config.device() + ": the kernel refused a fanout group (fanout_mode="
                    + mode.key() + "): " + Errno.name(e.errno()) + " (" + Errno.description(e.errno()) + ")", e);
        }
        fanoutFormed = true;
    }

    /** Sockets stay bound while stopped; whatever waits in the transmit rings is sent now. */
    @Override
    public void stop() {
        for (QueuePair p : pairs) {
            if (p.isBound()) {
                p.flush();
            }
        }
    }

    @Override
    public void close() {
        for (QueuePair p : pairs) {
            p.close();
        }
        PacketSocket.closeQuietly(controlFd);
    }

    @Override
    public LinkStatus link() {
        return InterfaceFacts.link(config.iface());
    }

    @Override
    public MacAddress defaultMacAddress() {
        return mac;
    }

    /** Sets the interface's own address (SIOCSIFHWADDR), so the kernel's host/other-host classification follows. */
    @Override
    public void macAddress(MacAddress address) {
        try {
            PacketSocket.hardwareAddress(controlFd, config.iface(), address.bits());
        } catch (SysException e) {
            String hint = e.errno() == Errno.EBUSY ? "; the interface does not change its address while up: set it down first"
                    : e.errno() == Errno.EPERM ? "; this needs CAP_NET_ADMIN" : "";
            throw new IllegalArgumentException(config.device() + ": cannot set the MAC address of " + config.iface() + " to "
                    + address + ": " + Errno.name(e.errno()) + " (" + Errno.description(e.errno()) + ")" + hint, e);
        }
    }

    /**
     * PACKET_MR_PROMISC on the control socket: the kernel counts such requests per interface and
     * drops this one when the socket closes, so a crashed port never leaves the interface promiscuous.
     */
    @Override
    public void promiscuous(boolean on) {
        if (on != promiscuous) {
            membership(PacketSocket.PACKET_MR_PROMISC, on, "promiscuous mode");
            promiscuous = on;
        }
        filter.promiscuous(on);
    }

    @Override
    public void allMulticast(boolean on) {
        if (on != allMulticast) {
            membership(PacketSocket.PACKET_MR_ALLMULTI, on, "all-multicast mode");
            allMulticast = on;
        }
    }

    private void membership(int type, boolean add, String what) {
        try {
            PacketSocket.membership(controlFd, ifindex, type, add);
        } catch (SysException e) {
            throw new IllegalArgumentException(config.device() + ": cannot turn " + what + (add ? " on" : " off") + " for "
                    + config.iface() + ": " + Errno.name(e.errno()) + " (" + Errno.description(e.errno()) + ")", e);
        }
    }

    /**
     * Per rx queue: the kernel's drops (also in imissed), how often the ring froze for want of
     * a free block, frames for other hosts filtered while not promiscuous; and the interface's own
     * drop counters, where the kernel counts frames it could not deliver to or send from it.
     */
    @Override
    public List<XStat> extraXStats() {
        List<XStat> x = new ArrayList<>();
        for (int q = 0; q < pairs.length; q++) {
            x.add(new XStat("rx_q" + q + "_kernel_drops", pairs[q].kernelDrops()));
            x.add(new XStat("rx_q" + q + "_ring_freezes", pairs[q].queueFreezes()));
            AfPacketRxQueue rx = rxQueues[q];
            x.add(new XStat("rx_q" + q + "_filtered_other_host", rx == null ? 0 : rx.filtered()));
        }
        x.add(new XStat("if_rx_dropped", InterfaceFacts.statistic(config.iface(), "rx_dropped")));
        x.add(new XStat("if_tx_dropped", InterfaceFacts.statistic(config.iface(), "tx_dropped")));
        return x;
    }
}
