package io.wirespeed.virt.paths;

/**
 * One trial at a fixed share of the link's line rate: what was delivered, how much of a core each
 * thread used meanwhile (its CPU time over the trial's wall time), and the latency. At low loads
 * this is where sleeping on interrupts pays: a polling core stays at 1.0 whatever comes.
 *
 * @param lineRateShare the offered load as a share of the line rate, e.g. 0.01
 */
public record FixedLoad(double lineRateShare, LoadPoint point, double hostCores, double guestCores, double nicCores,
        double latencyP50Us, double latencyP99Us) {}
