package io.wirespeed.ethdev;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Ethernet port (DPDK's ethdev): configure, set up queues, start, burst packets, read
 * statistics, stop, close. The state machine and argument checks live here; the device work is
 * the driver's {@link PortBackend}.
 *
 * <p>Control operations are for one control thread. The data path is {@link #rxBurst} and
 * {@link #txBurst} (or the queue objects themselves), each queue used by one lcore at a time.
 */
public final class Port implements AutoCloseable {
    /** Where a port is in its life. */
    public enum State { CREATED, CONFIGURED, STARTED, STOPPED, CLOSED }

    private static final RxQueue[] NO_RX = new RxQueue[0];
    private static final TxQueue[] NO_TX = new TxQueue[0];

    private final int id;
    private final String name;
    private final String driverName;
    private final PortBackend backend;
    private final PortInfo info;
    private State state = State.CREATED;
    private PortConf conf = PortConf.defaults();
    private RxQueue[] rxQueues = NO_RX;
    private TxQueue[] txQueues = NO_TX;
    private MacAddress mac;
    private boolean promiscuous;
    private boolean allMulticast;
    private PortStats baseline;

    public Port(int id, String name, String driverName, PortBackend backend) {
        this.id = id;
        this.name = name;
        this.driverName = driverName;
        this.backend = backend;
        this.info = backend.info();
        this.mac = backend.defaultMacAddress();
    }

    // ---- identity -----------------------------------------------------------------------------

    public int id() {
        return id;
    }

    /** The device name from the devargs, e.g. {@code net_null0}. */
    public String name() {
        return name;
    }

    public String driverName() {
        return driverName;
    }

    public PortInfo info() {
        return info;
    }

    public State state() {
        return state;
    }

    public PortBackend backend() {
        return backend;
    }

    // ---- configuration ------------------------------------------------------------------------

    /** Sets the queue counts; the port must be created or stopped (DPDK's rte_eth_dev_configure). */
    public void configure(int rxQueueCount, int txQueueCount, PortConf portConf) {
        requireState("configure", State.CREATED, State.CONFIGURED, State.STOPPED);
        if (rxQueueCount < 1 || rxQueueCount > info.maxRxQueues()) {
            throw new IllegalArgumentException(name + ": " + rxQueueCount + " rx queues asked, " + driverName
                    + " supports 1.." + info.maxRxQueues());
        }
        if (txQueueCount < 1 || txQueueCount > info.maxTxQueues()) {
            throw new IllegalArgumentException(name + ": " + txQueueCount + " tx queues asked, " + driverName
                    + " supports 1.." + info.maxTxQueues());
        }
        releaseQueues();
        backend.configure(rxQueueCount, txQueueCount, portConf);
        conf = portConf;
        rxQueues = new RxQueue[rxQueueCount];
        txQueues = new TxQueue[txQueueCount];
        state = State.CONFIGURED;
    }

    public void rxQueueSetup(int queueId, int descriptors, Mempool pool) {
        requireState("rx queue setup", State.CONFIGURED, State.STOPPED);
        checkQueue("rx", queueId, rxQueues.length);
        checkDescriptors(descriptors);
        if (rxQueues[queueId] != null) {
            rxQueues[queueId].release();
        }
        rxQueues[queueId] = backend.rxQueue(id, queueId, descriptors, pool);
    }

    public void txQueueSetup(int queueId, int descriptors) {
        requireState("tx queue setup", State.CONFIGURED, State.STOPPED);
        checkQueue("tx", queueId, txQueues.length);
        checkDescriptors(descriptors);
        if (txQueues[queueId] != null) {
            txQueues[queueId].release();
        }
        txQueues[queueId] = backend.txQueue(id, queueId, descriptors);
    }

    private void checkQueue(String kind, int queueId, int count) {
        if (queueId < 0 || queueId >= count) {
            throw new IllegalArgumentException(name + ": " + kind + " queue " + queueId + " does not exist (configured: "
                    + count + ")");
        }
    }

    private void checkDescriptors(int descriptors) {
        if (descriptors < info.minDescriptors() || descriptors > info.maxDescriptors()) {
            throw new IllegalArgumentException(name + ": " + descriptors + " descriptors asked, " + driverName
                    + " supports " + info.minDescriptors() + ".." + info.maxDescriptors());
        }
    }

    public void start() {
        requireState("start", State.CONFIGURED, State.STOPPED, State.STARTED);
        if (state == State.STARTED) {
            return;
        }
        for (int q = 0; q < rxQueues.length; q++) {
            if (rxQueues[q] == null) {
                throw new IllegalStateException(name + ": rx queue " + q + " was not set up");
            }
        }
        for (int q = 0; q < txQueues.length; q++) {
            if (txQueues[q] == null) {
                throw new IllegalStateException(name + ": tx queue " + q + " was not set up");
            }
        }
        backend.start();
        promiscuous(conf.promiscuous() || promiscuous);
        state = State.STARTED;
    }

    public void stop() {
        if (state == State.STARTED) {
            backend.stop();
            state = State.STOPPED;
        }
    }

    /**
     * Back to the freshly created state with its queues released (DPDK's rte_eth_dev_reset):
     * configure and set up again to use it.
     */
    public void reset() {
        requireState("reset", State.CREATED, State.CONFIGURED, State.STARTED, State.STOPPED);
        stop();
        releaseQueues();
        rxQueues = NO_RX;
        txQueues = NO_TX;
        baseline = null;
        state = State.CREATED;
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        stop();
        releaseQueues();
        backend.close();
        state = State.CLOSED;
    }

    private void releaseQueues() {
        for (RxQueue q : rxQueues) {
            if (q != null) {
                q.release();
            }
        }
        for (TxQueue q : txQueues) {
            if (q != null) {
                q.release();
            }
        }
    }

    private void requireState(String operation, State... allowed) {
        for (State s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException(name + ": cannot " + operation + " a port that is " + state.name().toLowerCase());
    }

    // ---- data path ----------------------------------------------------------------------------

    /** Receives from queue {@code queueId}; see {@link RxQueue#rxBurst}. */
    public int rxBurst(int queueId, Mbuf[] mbufs, int offset, int n) {
        return rxQueues[queueId].rxBurst(mbufs, offset, n);
    }

    /** Sends on queue {@code queueId}; see {@link TxQueue#txBurst}. */
    public int txBurst(int queueId, Mbuf[] mbufs, int offset, int n) {
        return txQueues[queueId].txBurst(mbufs, offset, n);
    }

    /** The queue object, for loops that poll it directly. The port must have been set up. */
    public RxQueue rxQueue(int queueId) {
        checkQueue("rx", queueId, rxQueues.length);
        return rxQueues[queueId];
    }

    public TxQueue txQueue(int queueId) {
        checkQueue("tx", queueId, txQueues.length);
        return txQueues[queueId];
    }

    public int rxQueueCount() {
        return rxQueues.length;
    }

    public int txQueueCount() {
        return txQueues.length;
    }

    // ---- addresses and modes ------------------------------------------------------------------

    public MacAddress macAddress() {
        return mac;
    }

    public void macAddress(MacAddress address) {
        if (address.isMulticast() || address.isZero()) {
            throw new IllegalArgumentException(name + ": " + address + " is not a unicast address");
        }
        backend.macAddress(address);
        mac = address;
    }

    public void promiscuous(boolean on) {
        backend.promiscuous(on);
        promiscuous = on;
    }

    public boolean isPromiscuous() {
        return promiscuous;
    }

    public void allMulticast(boolean on) {
        backend.allMulticast(on);
        allMulticast = on;
    }

    public boolean isAllMulticast() {
        return allMulticast;
    }

    public LinkStatus link() {
        return state == State.STARTED ? backend.link() : LinkStatus.DOWN;
    }

    public int mtu() {
        return conf.mtu();
    }

    // ---- statistics ---------------------------------------------------------------------------

    /** Counters since the port was set up or since {@link #resetStats}. */
    public PortStats stats() {
        PortStats raw = rawStats();
        PortStats b = baseline;
        return b == null ? raw : minus(raw, b);
    }

    /** Starts the counters from zero (DPDK's rte_eth_stats_reset); the queues keep counting. */
    public void resetStats() {
        baseline = rawStats();
    }

    private PortStats rawStats() {
        long ipackets = 0;
        long ibytes = 0;
        long imissed = backend.deviceMissed();
        long ierrors = 0;
        long nombuf = 0;
        long[] qip = new long[rxQueues.length];
        long[] qib = new long[rxQueues.length];
        for (int q = 0; q < rxQueues.length; q++) {
            RxQueue r = rxQueues[q];
            if (r != null) {
                qip[q] = r.packets();
                qib[q] = r.bytes();
                ipackets += qip[q];
                ibytes += qib[q];
                imissed += r.missed();
                ierrors += r.errors();
                nombuf += r.noMbuf();
            }
        }
        long opackets = 0;
        long obytes = 0;
        long oerrors = 0;
        long[] qop = new long[txQueues.length];
        long[] qob = new long[txQueues.length];
        for (int q = 0; q < txQueues.length; q++) {
            TxQueue t = txQueues[q];
            if (t != null) {
                qop[q] = t.packets();
                qob[q] = t.bytes();
                opackets += qop[q];
                obytes += qob[q];
                oerrors += t.errors();
            }
        }
        return new PortStats(ipackets, opackets, ibytes, obytes, imissed, ierrors, oerrors, nombuf, qip, qib, qop, qob);
    }

    private static PortStats minus(PortStats a, PortStats b) {
        return new PortStats(a.ipackets() - b.ipackets(), a.opackets() - b.opackets(), a.ibytes() - b.ibytes(),
                a.obytes() - b.obytes(), a.imissed() - b.imissed(), a.ierrors() - b.ierrors(), a.oerrors() - b.oerrors(),
                a.rxNombuf() - b.rxNombuf(), minus(a.qIpackets(), b.qIpackets()), minus(a.qIbytes(), b.qIbytes()),
                minus(a.qOpackets(), b.qOpackets()), minus(a.qObytes(), b.qObytes()));
    }

    private static long[] minus(long[] a, long[] b) {
        long[] d = Arrays.copyOf(a, a.length);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            d[i] -= b[i];
        }
        return d;
    }

    /** DPDK's standard extended statistics, then the driver's own. */
    public List<XStat> xstats() {
        PortStats s = stats();
        List<XStat> x = new ArrayList<>();
        x.add(new XStat("rx_good_packets", s.ipackets()));
        x.add(new XStat("tx_good_packets", s.opackets()));
        x.add(new XStat("rx_good_bytes", s.ibytes()));
        x.add(new XStat("tx_good_bytes", s.obytes()));
        x.add(new XStat("rx_missed_errors", s.imissed()));
        x.add(new XStat("rx_errors", s.ierrors()));
        x.add(new XStat("tx_errors", s.oerrors()));
        x.add(new XStat("rx_mbuf_allocation_errors", s.rxNombuf()));
        for (int q = 0; q < s.qIpackets().length; q++) {
            x.add(new XStat("rx_q" + q + "_packets", s.qIpackets()[q]));
            x.add(new XStat("rx_q" + q + "_bytes", s.qIbytes()[q]));
        }
        for (int q = 0; q < s.qOpackets().length; q++) {
            x.add(new XStat("tx_q" + q + "_packets", s.qOpackets()[q]));
            x.add(new XStat("tx_q" + q + "_bytes", s.qObytes()[q]));
        }
        x.addAll(backend.extraXStats());
        return x;
    }

    @Override
    public String toString() {
        return "Port " + id + " (" + name + ", " + state.name().toLowerCase() + ")";
    }
}
