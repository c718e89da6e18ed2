package io.wirespeed.driver.pcap;

import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.mbuf.Mbuf;

/** The receive queue of a port without rx_pcap: it never delivers a packet, so it is exhausted from the start. */
final class EmptyRxQueue extends RxQueue {
    EmptyRxQueue(int portId, int queueId) {
        super(portId, queueId);
    }

    @Override
    public int rxBurst(Mbuf[] mbufs, int offset, int n) {
        return 0;
    }

    /** A source that has already ended, so that an application stops once the port's files are done. */
    @Override
    public boolean isFinite() {
        return true;
    }

    @Override
    public boolean isExhausted() {
        return true;
    }
}
