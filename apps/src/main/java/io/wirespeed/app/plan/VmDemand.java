package io.wirespeed.app.plan;

/**
 * One VM of a plan: what it asks of the NIC.
 *
 * @param bitsPerSecond the traffic it must receive, counted in frame bytes (as link speeds are)
 * @param frameSize the frames' size in bytes, without preamble, gap and FCS overhead
 */
public record VmDemand(String name, long bitsPerSecond, int frameSize) {
    /** Ethernet's per-frame cost on the wire beyond the frame: preamble, start delimiter, gap, FCS. */
    static final int WIRE_OVERHEAD_BYTES = 24;

    public VmDemand {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException(name + ": demand must be above 0");
        }
    }

    /** Frames per second the demand comes to on the wire. */
    public double packetsPerSecond() {
        return bitsPerSecond / ((frameSize + WIRE_OVERHEAD_BYTES) * 8.0);
    }
}
