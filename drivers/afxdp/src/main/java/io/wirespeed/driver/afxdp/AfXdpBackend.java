package io.wirespeed.driver.afxdp;

import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.ethdev.XStat;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.NetInterfaces;
import io.wirespeed.sys.Sockets;
import io.wirespeed.sys.SysException;
import java.util.ArrayList;
import java.util.List;

/**
 * One net_af_xdp port: the XDP program on the interface (attached when the port opens, so that a
 * missing permission or a busy interface shows at once), and per queue one AF_XDP socket, created
 * when the port starts (its ring sizes come from both queue set-ups) and closed when the queue is
 * released. A started port's sockets are in the XSKMAP; a stopped port's are not, and its queues'
 * frames go to the kernel's stack.
 */
final class AfXdpBackend implements PortBackend {
    static final int MIN_DESCRIPTORS = 64;
    static final int MAX_DESCRIPTORS = 16384;
    /**
     * The ring size asked for when the application leaves it to the driver: twice libxdp's default
     * (2048, which DPDK's af_xdp PMD prefers). A receive ring has to hold what arrives while the
     * lcore is off its CPU, and on a shared two-CPU host that is a few milliseconds now and then:
     * forwarding 0.35-0.43 Mpps over veth, 2048 slots (5 ms) lost 0.14-0.33 % of the frames in
     * chunks of 1-2 k, 4096 slots (10 ms) none in three runs. Costs 8 MiB of UMEM per queue more.
     */
    static final int PREFERRED_DESCRIPTORS = 4096;
    /** Ethernet header + one VLAN tag + FCS-less frame: the MTU a chunk holds is MAX_FRAME - 18. */
    private static final int L2_OVERHEAD = 18;

    private final AfXdpConfig config;
    private final int ifindex;
    private final NetDevice netdev;
    private final XdpProgram program;
    private final MacAddress mac;
    private final XdpStatistics[] retired;
    private AfXdpRxQueue[] rxQueues = new AfXdpRxQueue[0];
    private AfXdpTxQueue[] txQueues = new AfXdpTxQueue[0];
    private UmemLayout[] layouts = new UmemLayout[0];
    private XskSocket[] sockets = new XskSocket[0];
    private boolean started;
    private boolean closed;

    private AfXdpBackend(AfXdpConfig config, int ifindex, NetDevice netdev, XdpProgram program, MacAddress mac) {
        this.config = config;
        this.ifindex = ifindex;
        this.netdev = netdev;
        this.program = program;
        this.mac = mac;
        this.retired = new XdpStatistics[config.queueCount()];
        java.util.Arrays.fill(retired, XdpStatistics.ZERO);
    }

    /**
     * Checks the interface and its queues, that this kernel and process may use AF_XDP, and
     * attaches the XDP program. Fails with one line and nothing left behind.
     */
    static AfXdpBackend open(AfXdpConfig c) {
        String device = c.device();
        int ifindex;
        try {
            ifindex = NetInterfaces.index(c.iface());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(device + ": " + e.getMessage(), e);
        }
        NetDevice netdev = new NetDevice(c.iface());
        checkQueues(c, netdev);
        probeAfXdp(c);
        XdpProgram program = XdpProgram.attach(device, c.iface(), ifindex, c.startQueue() + c.queueCount(), c.mode());
        try {
            return new AfXdpBackend(c, ifindex, netdev, program, netdev.macAddress());
        } catch (RuntimeException e) {
            program.close();
            throw e;
        }
    }

    private static void checkQueues(AfXdpConfig c, NetDevice netdev) {
        int rx = netdev.rxQueues();
        int tx = netdev.txQueues();
        int last = c.startQueue() + c.queueCount() - 1;
        if (last >= rx || last >= tx) {
            throw new IllegalArgumentException(c.device() + ": start_queue=" + c.startQueue() + ",queue_count="
                    + c.queueCount() + " needs queues " + c.startQueue() + ".." + last + " but " + c.iface() + " has "
                    + rx + " rx and " + tx + " tx queues (0.." + (Math.min(rx, tx) - 1) + "); lower them, or give "
                    + c.iface() + " more queues (ethtool -L " + c.iface() + " combined N)");
        }
    }

    /** socket(AF_XDP): tells "no AF_XDP in this kernel" and "no CAP_NET_RAW" apart from later failures. */
    private static void probeAfXdp(AfXdpConfig c) {
        try {
            int fd = Sockets.socket(Sockets.AF_XDP, Sockets.SOCK_RAW | Sockets.SOCK_CLOEXEC, 0);
            XdpProgram.closeQuietly(fd);
        } catch (SysException e) {
            throw AfXdpErrors.translate(e, c.device(), c.iface(), "open an AF_XDP socket");
        }
    }

    @Override
    public PortInfo info() {
        return new PortInfo("net_af_xdp", config.queueCount(), config.queueCount(), MIN_DESCRIPTORS, MAX_DESCRIPTORS,
                UmemLayout.MAX_FRAME, PREFERRED_DESCRIPTORS);
    }

    @Override
    public void configure(int rxQueueCount, int txQueueCount, PortConf conf) {
        if (txQueueCount > rxQueueCount) {
            throw new IllegalArgumentException(config.device() + ": " + txQueueCount + " tx queues but " + rxQueueCount
                    + " rx queues; each AF_XDP socket carries one of each, so configure at least as many rx queues");
        }
        if (conf.mtu() + L2_OVERHEAD > UmemLayout.MAX_FRAME) {
            throw new IllegalArgumentException(config.device() + ": mtu " + conf.mtu() + " does not fit a "
                    + UmemLayout.CHUNK_SIZE + "-byte AF_XDP chunk (at most " + (UmemLayout.MAX_FRAME - L2_OVERHEAD) + ")");
        }
        rxQueues = new AfXdpRxQueue[rxQueueCount];
        txQueues = new AfXdpTxQueue[txQueueCount];
        layouts = new UmemLayout[rxQueueCount];
        sockets = new XskSocket[rxQueueCount];
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        requirePowerOfTwo("rx", descriptors);
        layouts[queueId] = UmemLayout.of(config.device(), pool);
        AfXdpRxQueue q = new AfXdpRxQueue(this, portId, queueId, descriptors, pool);
        rxQueues[queueId] = q;
        return q;
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        requirePowerOfTwo("tx", descriptors);
        AfXdpTxQueue q = new AfXdpTxQueue(this, portId, queueId, descriptors);
        txQueues[queueId] = q;
        return q;
    }

    private void requirePowerOfTwo(String kind, int descriptors) {
        if (Integer.bitCount(descriptors) != 1) {
            throw new IllegalArgumentException(config.device() + ": " + descriptors + " " + kind + " descriptors: AF_XDP"
                    + " rings are powers of two (try " + Integer.highestOneBit(descriptors) * 2 + ")");
        }
    }

    /** Opens the sockets not open yet, then puts every queue's socket into the XSKMAP. */
    @Override
    public void start() {
        List<Integer> opened = new ArrayList<>();
        try {
            for (int q = 0; q < rxQueues.length; q++) {
                if (sockets[q] == null) {
                    AfXdpRxQueue rx = rxQueues[q];
                    AfXdpTxQueue tx = q < txQueues.length ? txQueues[q] : null;
                    int txSize = tx != null ? tx.descriptors() : MIN_DESCRIPTORS;
                    XskSocket s = XskSocket.open(config.device(), config.iface(), ifindex, config.interfaceQueue(q),
                            layouts[q], rx.descriptors(), txSize, config.forceCopy(), config.busyBudget());
                    sockets[q] = s;
                    opened.add(q);
                    rx.attach(s);
                    if (tx != null) {
                        tx.attach(s);
                    }
                }
            }
            Wakeup.warmUp();
            for (int q = 0; q < sockets.length; q++) {
                program.redirect(config.interfaceQueue(q), sockets[q].fd());
            }
            started = true;
        } catch (RuntimeException e) {
            for (int q = 0; q < sockets.length; q++) {
                unredirectQuietly(q);
            }
            for (int q : opened) {
                closeSocket(q);
            }
            throw e;
        }
    }

    /** Takes the sockets out of the XSKMAP: the queues' frames go to the kernel's stack again. */
    @Override
    public void stop() {
        for (int q = 0; q < sockets.length; q++) {
            unredirectQuietly(q);
        }
        started = false;
    }

    private void unredirectQuietly(int q) {
        try {
            program.unredirect(config.interfaceQueue(q));
        } catch (RuntimeException ignored) {
            // Closing the socket takes it out of the map anyway.
        }
    }

    /** A queue of port queue pair {@code q} is being released: its socket goes, with everything it holds. */
    void releaseQueue(int q) {
        if (q < sockets.length && sockets[q] != null) {
            if (started) {
                unredirectQuietly(q);
            }
            closeSocket(q);
        }
    }

    private void closeSocket(int q) {
        XskSocket s = sockets[q];
        if (s == null) {
            return;
        }
        try {
            retired[q] = retired[q].plus(s.statistics());
        } catch (SysException ignored) {
            // The counters of a socket that cannot be asked any more are lost with it.
        }
        if (rxQueues[q] != null) {
            rxQueues[q].detach();
        }
        if (q < txQueues.length && txQueues[q] != null) {
            txQueues[q].detach();
        }
        sockets[q] = null;
        s.close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int q = 0; q < sockets.length; q++) {
            closeSocket(q);
        }
        program.close();
        netdev.close();
    }

    @Override
    public LinkStatus link() {
        return netdev.link();
    }

    @Override
    public MacAddress defaultMacAddress() {
        return mac;
    }

    @Override
    public void promiscuous(boolean on) {
        netdev.flag(NetDevice.IFF_PROMISC, on);
    }

    @Override
    public void allMulticast(boolean on) {
        netdev.flag(NetDevice.IFF_ALLMULTI, on);
    }

    /** The kernel's drops for want of a fill-ring buffer or an RX-ring slot, over all sockets ever opened. */
    @Override
    public long deviceMissed() {
        long missed = 0;
        for (int q = 0; q < retired.length; q++) {
            missed += statistics(q).missed();
        }
        return missed;
    }

    private XdpStatistics statistics(int q) {
        XdpStatistics s = retired[q];
        XskSocket socket = q < sockets.length ? sockets[q] : null;
        return socket == null ? s : s.plus(socket.statistics());
    }

    @Override
    public List<XStat> extraXStats() {
        List<XStat> x = new ArrayList<>();
        for (int q = 0; q < retired.length; q++) {
            XdpStatistics s = statistics(q);
            x.add(new XStat("rx_q" + q + "_xdp_dropped", s.rxDropped()));
            x.add(new XStat("rx_q" + q + "_xdp_ring_full", s.rxRingFull()));
            x.add(new XStat("rx_q" + q + "_xdp_fill_ring_empty", s.rxFillRingEmpty()));
            x.add(new XStat("rx_q" + q + "_xdp_invalid_descs", s.rxInvalidDescriptors()));
            x.add(new XStat("tx_q" + q + "_xdp_invalid_descs", s.txInvalidDescriptors()));
            x.add(new XStat("tx_q" + q + "_xdp_ring_empty", s.txRingEmpty()));
            AfXdpTxQueue tx = q < txQueues.length ? txQueues[q] : null;
            x.add(new XStat("tx_q" + q + "_copied_packets", tx != null ? tx.copied() : 0));
            x.add(new XStat("tx_q" + q + "_kicks_refused", tx != null ? tx.kicksRefused() : 0));
            XskSocket socket = q < sockets.length ? sockets[q] : null;
            x.add(new XStat("q" + q + "_zero_copy", socket != null && socket.zeroCopy() ? 1 : 0));
            x.add(new XStat("q" + q + "_busy_polling", socket != null && socket.busyPolling() ? 1 : 0));
        }
        x.add(new XStat("xdp_native_mode", program.mode() == XdpMode.DRV ? 1 : 0));
        return x;
    }

    XdpMode mode() {
        return program.mode();
    }
}
