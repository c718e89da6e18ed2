package io.wirespeed.driver.pcap;

import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;

/**
 * The transmit queue of a port without tx_pcap: as DPDK's net_pcap does, it frees every packet
 * and counts it as sent (opackets, obytes), like net_null.
 */
final class DiscardTxQueue extends TxQueue {
    DiscardTxQueue(int portId, int queueId) {
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
