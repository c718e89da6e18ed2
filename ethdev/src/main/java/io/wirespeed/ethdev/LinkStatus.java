package io.wirespeed.ethdev;

/** Link state as rte_eth_link reports it; speed in Mbps, 0 when unknown. */
public record LinkStatus(boolean up, int speedMbps, boolean fullDuplex) {
    public static final LinkStatus DOWN = new LinkStatus(false, 0, true);

    public static LinkStatus up(int speedMbps) {
        return new LinkStatus(true, speedMbps, true);
    }

    @Override
    public String toString() {
        return up ? "up, " + (speedMbps > 0 ? speedMbps + " Mbps" : "speed unknown") + (fullDuplex ? ", full-duplex" : ", half-duplex") : "down";
    }
}
