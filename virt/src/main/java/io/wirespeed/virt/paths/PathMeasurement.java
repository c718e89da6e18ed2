package io.wirespeed.virt.paths;

import java.util.List;
import java.util.Map;

/**
 * What one path did for one frame size: the zero-loss rate the search found, the fixed-load
 * trials, and the counts of the measured run (the one at the zero-loss rate) broken down by stage.
 *
 * @param offered frames the wire offered in the measured run
 * @param delivered frames the guest's app received in it
 * @param drops frames dropped in it, by reason (delivered + the drops = offered)
 * @param stages the packet flow from the wire to the guest's app, in order
 * @param loads the trials the search ran, in the order it ran them
 * @param fixedLoads trials at fixed shares of the line rate, lowest first
 * @param partialDropMpps the highest rate the search found losing at most {@link PathMeter#PARTIAL_DROP_LOSS}
 * @param returned frames the guest's app sent back that left for the wire in the measured run (0 for rxonly)
 */
public record PathMeasurement(VmPath path, int frameSize, double zeroLossMpps, long offered, long delivered,
        Map<String, Long> drops, double hostNsPerPacket, double guestNsPerPacket, double nicNsPerPacket,
        double hostInterruptsPerPacket, double guestInterruptsPerPacket, double copiesPerPacket,
        LatencySummary latency, List<Stage> stages, List<LoadPoint> loads, List<FixedLoad> fixedLoads,
        double partialDropMpps, long returned) {
    public PathMeasurement {
        drops = Map.copyOf(drops);
        stages = List.copyOf(stages);
        loads = List.copyOf(loads);
        fixedLoads = List.copyOf(fixedLoads);
    }

    /** A measurement without fixed-load trials and with no partial drop rate of its own (the zero-loss rate stands for it). */
    public PathMeasurement(VmPath path, int frameSize, double zeroLossMpps, long offered, long delivered,
            Map<String, Long> drops, double hostNsPerPacket, double guestNsPerPacket, double nicNsPerPacket,
            double hostInterruptsPerPacket, double guestInterruptsPerPacket, double copiesPerPacket,
            LatencySummary latency, List<Stage> stages, List<LoadPoint> loads) {
        this(path, frameSize, zeroLossMpps, offered, delivered, drops, hostNsPerPacket, guestNsPerPacket, nicNsPerPacket,
                hostInterruptsPerPacket, guestInterruptsPerPacket, copiesPerPacket, latency, stages, loads, List.of(),
                zeroLossMpps, 0);
    }

    /** Interrupts on every core the path touches, per delivered packet. */
    public double interruptsPerPacket() {
        return hostInterruptsPerPacket + guestInterruptsPerPacket;
    }
}
