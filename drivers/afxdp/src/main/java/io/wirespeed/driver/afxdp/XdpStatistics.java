package io.wirespeed.driver.afxdp;

/**
 * XDP_STATISTICS of one socket (struct xdp_statistics): what the kernel dropped or skipped on its
 * side of the rings.
 *
 * @param rxDropped             frames the kernel could not place: no fill-ring buffer, or a frame
 *                              longer than a chunk holds
 * @param rxInvalidDescriptors  invalid RX descriptors
 * @param txInvalidDescriptors  TX descriptors the kernel rejected (skipped, never completed)
 * @param rxRingFull            frames dropped because the RX ring was full
 * @param rxFillRingEmpty       times the kernel found the fill ring empty
 * @param txRingEmpty           times the kernel found the TX ring empty when woken
 */
record XdpStatistics(long rxDropped, long rxInvalidDescriptors, long txInvalidDescriptors, long rxRingFull,
                     long rxFillRingEmpty, long txRingEmpty) {
    static final XdpStatistics ZERO = new XdpStatistics(0, 0, 0, 0, 0, 0);

    /** Frames lost for want of room (imissed): no buffer, or no RX ring slot. */
    long missed() {
        return rxDropped + rxRingFull;
    }

    XdpStatistics plus(XdpStatistics o) {
        return new XdpStatistics(rxDropped + o.rxDropped, rxInvalidDescriptors + o.rxInvalidDescriptors,
                txInvalidDescriptors + o.txInvalidDescriptors, rxRingFull + o.rxRingFull,
                rxFillRingEmpty + o.rxFillRingEmpty, txRingEmpty + o.txRingEmpty);
    }
}
