package io.wirespeed.ethdev;

import io.wirespeed.mbuf.Mbuf;

/**
 * A transmit queue that takes every packet, frees it and counts it as sent (opackets, obytes):
 * net_pcap's queue without tx_pcap, the built-in generator's link partner.
 */
public final class DiscardTxQueue extends TxQueue {
    public DiscardTxQueue(int portId, int queueId) {
        super(portId, queueId);
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        long bytes = 0;
        for (int i = offset; i < offset + n; i++) {
            bytes += mbufs[i].packetLength();
        }
        Mbuf.freeBulk(mbufs, offset, n);
        count(n, bytes);
        return n;
    }
}
