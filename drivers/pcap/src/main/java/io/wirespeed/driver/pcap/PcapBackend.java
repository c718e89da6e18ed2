package io.wirespeed.driver.pcap;

import io.wirespeed.ethdev.DiscardTxQueue;
import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.ethdev.XStat;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One net_pcap port: a capture file to receive from (or none), a capture file to transmit into
 * (or none). One queue each way, as a file has one read position and one write position.
 */
final class PcapBackend implements PortBackend {
    /** DPDK's net_pcap reports a 10 Gbps link. */
    private static final int SPEED_MBPS = 10_000;

    private final String name;
    private final CaptureFile rx;
    private final Path rxKey;
    private final boolean infinite;
    private final CaptureWriter tx;
    private final Path txKey;
    private final String txFile;
    private final MacAddress mac;
    private PcapTxQueue txQueue;
    private boolean warmedUp;
    private boolean closed;

    private PcapBackend(String name, CaptureFile rx, Path rxKey, boolean infinite, CaptureWriter tx, Path txKey, String txFile) {
        this.name = name;
        this.rx = rx;
        this.rxKey = rxKey;
        this.infinite = infinite;
        this.tx = tx;
        this.txKey = txKey;
        this.txFile = txFile;
        this.mac = MacAddress.local(0x2000 | name.hashCode() & 0xfff);
    }

    /**
     * Opens the files: maps and checks {@code rxFile}, creates {@code txFile}. Whatever fails,
     * what was already opened is closed before the exception leaves.
     */
    static PcapBackend open(String name, String rxFile, boolean infinite, String txFile, boolean pcapng, int snaplen) {
        CaptureFile rx = null;
        Path rxKey = null;
        Path txKey = null;
        try {
            if (rxFile != null) {
                Path key = FilesInUse.key(rxFile);
                rx = CaptureFile.open(name, rxFile, infinite);
                if (key != null) {
                    FilesInUse.addReader(name, key);
                    rxKey = key;
                }
            }
            CaptureWriter tx = null;
            if (txFile != null) {
                Path key = FilesInUse.key(txFile);
                if (key != null) {
                    if (key.equals(rxKey)) {
                        throw new IllegalArgumentException(name + ": rx_pcap and tx_pcap name the same file " + txFile
                                + "; writing it would truncate what the port reads");
                    }
                    FilesInUse.addWriter(name, key);
                    txKey = key;
                }
                tx = CaptureWriter.create(name, txFile, pcapng, snaplen);
            }
            return new PcapBackend(name, rx, rxKey, infinite, tx, txKey, txFile);
        } catch (RuntimeException e) {
            if (txKey != null) {
                FilesInUse.removeWriter(txKey);
            }
            if (rxKey != null) {
                FilesInUse.removeReader(rxKey);
            }
            if (rx != null) {
                rx.close();
            }
            throw e;
        }
    }

    @Override
    public PortInfo info() {
        return new PortInfo("net_pcap", 1, 1, 1, 1 << 16, CaptureFormat.MAX_FRAME);
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        if (rx == null) {
            return new EmptyRxQueue(portId, queueId);
        }
        checkPool(pool);
        if (!warmedUp) {
            warmedUp = true;
            JitWarmUp.run(rx.summary(), pool, scratch -> newRxQueue(portId, queueId, scratch));
        }
        return newRxQueue(portId, queueId, pool);
    }

    private FileRxQueue newRxQueue(int portId, int queueId, Mempool pool) {
        if (infinite) {
            return new ReplayRxQueue(portId, queueId, pool, rx);
        }
        return rx.summary().pcapng() ? new PcapngRxQueue(portId, queueId, pool, rx) : new ClassicRxQueue(portId, queueId, pool, rx);
    }

    /** The longest frame of the file must fit the pool, as one mbuf or a chain of them. */
    private void checkPool(Mempool pool) {
        int longest = rx.summary().maxCapture();
        int segments = FileRxQueue.segmentsFor(longest, pool.dataRoom());
        if (segments > Math.min(pool.size(), Mbuf.MAX_SEGMENTS)) {
            throw new IllegalArgumentException(name + ": " + rx.label() + " holds a " + longest + "-byte frame, which needs "
                    + segments + " mbufs of mempool " + pool.name() + " (" + pool.dataRoom() + "-byte data room), more than"
                    + " a packet can have (" + Math.min(pool.size(), Mbuf.MAX_SEGMENTS) + "): use a larger data room");
        }
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        if (tx == null) {
            return new DiscardTxQueue(portId, queueId);
        }
        txQueue = new PcapTxQueue(portId, queueId, tx);
        return txQueue;
    }

    /** Writes out what the transmit queue buffered: the file is complete whenever the port is stopped. */
    @Override
    public void stop() {
        if (txQueue != null) {
            txQueue.flush();
        } else if (tx != null) {
            tx.flush();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        try {
            if (tx != null) {
                tx.close();
            }
        } finally {
            if (txKey != null) {
                FilesInUse.removeWriter(txKey);
            }
            if (rxKey != null) {
                FilesInUse.removeReader(rxKey);
            }
            if (rx != null) {
                rx.close();
            }
        }
    }

    @Override
    public LinkStatus link() {
        return LinkStatus.up(SPEED_MBPS);
    }

    @Override
    public MacAddress defaultMacAddress() {
        return mac;
    }

    /** What the file holds, for `show port xstats`: packets in the file and whether it ended in a partial record. */
    @Override
    public List<XStat> extraXStats() {
        List<XStat> x = new ArrayList<>();
        if (rx != null) {
            x.add(new XStat("rx_pcap_file_packets", rx.summary().packets()));
            x.add(new XStat("rx_pcap_truncated_records", rx.summary().truncated() ? 1 : 0));
            x.add(new XStat("rx_pcap_link_type", rx.summary().linkType()));
        }
        if (tx != null) {
            x.add(new XStat("tx_pcap_write_failed", tx.failed() ? 1 : 0));
        }
        return x;
    }

    @Override
    public String toString() {
        return name + " (rx " + (rx == null ? "none" : rx.label()) + ", tx " + (txFile == null ? "none" : txFile) + ")";
    }
}
