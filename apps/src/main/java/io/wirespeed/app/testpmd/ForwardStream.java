package io.wirespeed.app.testpmd;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;

/**
 * One forwarding stream (DPDK testpmd's fwd_stream): packets from receive queue (rxPort, rxQueue)
 * to transmit queue (txPort, txQueue), run by one lcore, with its own burst array and counters.
 */
final class ForwardStream extends StreamCounters {
    final int rxPort;
    final int rxQueueId;
    final int txPort;
    final int txQueueId;
    final RxQueue rx;
    final TxQueue tx;
    final Mempool pool;
    final Mbuf[] burst;
    final int burstSize;
    /** The transmit port's address and the peer's, for mac and the generators. */
    final MacAddress txPortMac;
    final MacAddress peerMac;
    /** The receiving port's address, for icmpecho replies. */
    final MacAddress rxPortMac;
    /** The generators' headers (txonly, flowgen), built when such a mode is chosen. */
    UdpTemplate template;
    /** flowgen's next flow. */
    int nextFlow;
    /**
     * Whether the receive queue is a finite source (a capture file): then the stream notes when
     * its first and last packets arrived, so that the receive rate covers just that span. Live
     * sources skip the clock: a nanoTime per burst would cost a fast loop several percent.
     */
    final boolean finite;
    long firstReceiveNanos;
    long lastReceiveNanos;

    ForwardStream(int rxPort, int rxQueueId, RxQueue rx, int txPort, int txQueueId, TxQueue tx, Mempool pool,
                  int burstSize, MacAddress rxPortMac, MacAddress txPortMac, MacAddress peerMac) {
        this.rxPort = rxPort;
        this.rxQueueId = rxQueueId;
        this.txPort = txPort;
        this.txQueueId = txQueueId;
        this.rx = rx;
        this.tx = tx;
        this.pool = pool;
        this.burstSize = burstSize;
        this.burst = new Mbuf[burstSize];
        this.rxPortMac = rxPortMac;
        this.txPortMac = txPortMac;
        this.peerMac = peerMac;
        this.finite = rx.isFinite();
    }

    /** Receives a burst into {@link #burst} and counts it; returns how many packets came. */
    int receive() {
        int n = rx.rxBurst(burst, 0, burstSize);
        if (n > 0) {
            countReceived(n);
            if (finite) {
                long now = System.nanoTime();
                if (firstReceiveNanos == 0) {
                    firstReceiveNanos = now;
                }
                lastReceiveNanos = now;
            }
        }
        return n;
    }

    /** A finite source that will deliver nothing more: the stream is done. */
    boolean isDrained() {
        return finite && rx.isExhausted();
    }

    /**
     * Transmits {@code burst[0..n)}; frees and counts what the queue refused. Returns how many
     * were sent.
     */
    int transmit(int n) {
        int sent = n == 0 ? 0 : tx.txBurst(burst, 0, n);
        countTransmitted(sent);
        if (sent < n) {
            Mbuf.freeBulk(burst, sent, n - sent);
            countTxDropped(n - sent);
        }
        return sent;
    }

    @Override
    public String toString() {
        return "RX P=" + rxPort + "/Q=" + rxQueueId + " -> TX P=" + txPort + "/Q=" + txQueueId;
    }
}
