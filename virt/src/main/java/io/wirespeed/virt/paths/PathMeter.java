package io.wirespeed.virt.paths;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Measures one path at one frame size, RFC 2544-style: a trial at the link's line rate, then two
 * binary searches over offered load, one for the highest rate that loses at most 0.5 % (the
 * partial drop rate, PDR) and one below twice that for the highest rate that loses nothing (the
 * no-drop rate, NDR: the zero-loss rate), then a measured run at the zero-loss rate whose
 * counters, CPU times and latency make the result. Every trial waits until each
 * frame it offered is delivered or counted as dropped, so trials never overlap.
 *
 * <p>A rate is rejected only when a second trial at it loses frames too: on a small host the
 * scheduler now and then takes a busy core away for longer than a ring holds, and one such
 * moment should not halve the result. Both trials are kept in {@link PathMeasurement#loads}.
 */
public final class PathMeter {
    /** The lowest rate a search tries, as a share of the line rate the first trial offered. */
    static final double LOWEST_SHARE = 0.001;
    /** A slow trial offers fewer than {@code minFrames} rather than last longer than this. */
    private static final double MAX_FLOOR_SECONDS = 1.0;
    /** The partial drop rate's loss bound, FD.io CSIT's PDR: 0.5 % of the frames offered. */
    public static final double PARTIAL_DROP_LOSS = 0.005;
    /** Preamble, start delimiter, inter-frame gap and FCS: what a frame costs on the wire beyond its bytes. */
    static final int WIRE_OVERHEAD_BYTES = 24;
    private static final long SETTLE_TIMEOUT_NANOS = 5_000_000_000L;

    /**
     * @param trialSeconds how long each trial offers frames (at its rate)
     * @param searchSteps the binary search's trials after the line-rate one
     * @param minFrames the fewest frames a trial offers, however low its rate
     * @param fixedLoads shares of the line rate to run one trial each at, after the search
     */
    public record Settings(double trialSeconds, int searchSteps, long minFrames, List<Double> fixedLoads) {
        public Settings {
            fixedLoads = List.copyOf(fixedLoads);
            if (trialSeconds <= 0 || searchSteps < 0 || minFrames < 1) {
                throw new IllegalArgumentException("trial seconds > 0, search steps >= 0, min frames >= 1");
            }
            for (double share : fixedLoads) {
                if (!(share > 0 && share <= 1)) {
                    throw new IllegalArgumentException("a fixed load is a share of the line rate in (0, 1] (got " + share + ")");
                }
            }
        }

        /** Settings with no fixed-load trials. */
        public Settings(double trialSeconds, int searchSteps, long minFrames) {
            this(trialSeconds, searchSteps, minFrames, List.of());
        }

        /** 200 ms trials, 6 steps per search, and fixed loads of 1 % and 10 % of the line rate. */
        public static Settings defaults() {
            return new Settings(0.2, 6, 20_000, List.of(0.01, 0.1));
        }
    }

    /** Told of each trial as it ends (the demo's progress bar). */
    public interface Progress {
        void trialDone(VmPath path, int frameSize, LoadPoint point);
    }

    private final Settings settings;
    private final Progress progress;

    public PathMeter(Settings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** The frames per second a link of {@code bitsPerSecond} carries at {@code frameSize} bytes. */
    public static double lineRatePps(long bitsPerSecond, int frameSize) {
        return (double) bitsPerSecond / ((frameSize + WIRE_OVERHEAD_BYTES) * 8.0);
    }

    /** The fewest trials one path and size takes (a lost trial in a search brings one more). */
    public static int trialsPerMeasurement(Settings settings) {
        return 1 + 2 * settings.searchSteps() + 1 + settings.fixedLoads().size();
    }

    public PathMeasurement measure(PathRig rig, int frameSize, long linkBitsPerSecond) {
        List<LoadPoint> loads = new ArrayList<>();
        double line = lineRatePps(linkBitsPerSecond, frameSize);
        LoadPoint first = trial(rig, frameSize, 0, framesFor(line), loads).point;
        double partialDrop = search(rig, frameSize, line, first.deliveredMpps() * 1e6, first, PARTIAL_DROP_LOSS, loads);
        // No more than the partial drop rate passes with no loss, seldom much less: start there (or,
        // when nothing passed 0.5 %, at half what the line-rate trial delivered).
        double ndrStart = partialDrop > 0 ? partialDrop : first.deliveredMpps() * 1e6 / 2;
        double zeroLoss = search(rig, frameSize, Math.min(line, Math.max(partialDrop, ndrStart) * 2), ndrStart, first, 0,
                loads);
        // A rate that lost nothing lost less than 0.5 % too: trials vary, the bound is what was seen.
        partialDrop = Math.max(partialDrop, zeroLoss);
        // The measured run: the zero-loss rate (or, when none passed, the lowest rate tried).
        double measuredRate = zeroLoss > 0 ? zeroLoss : Math.max(1, lowestOffered(loads));
        Trial run = trial(rig, frameSize, (long) measuredRate, framesFor(measuredRate), loads);
        Snapshot d = run.counts;
        List<FixedLoad> fixed = new ArrayList<>();
        for (double share : settings.fixedLoads()) {
            double rate = share * line;
            Trial t = trial(rig, frameSize, (long) rate, framesFor(rate), new ArrayList<>());
            Snapshot c = t.counts;
            double wall = Math.max(1, c.nanos());
            LatencySummary l = Latencies.summarize(t.latency);
            fixed.add(new FixedLoad(share, t.point, c.hostCpuNanos() / wall, c.guestCpuNanos() / wall,
                    c.nicCpuNanos() / wall, l.p50Us(), l.p99Us()));
        }
        return new PathMeasurement(rig.path(), frameSize, zeroLoss / 1e6, d.offered(), d.delivered(), d.drops(),
                PathStages.perPacket(d.hostCpuNanos(), d.delivered()), PathStages.perPacket(d.guestCpuNanos(), d.delivered()),
                PathStages.perPacket(d.nicCpuNanos(), d.offered()), PathStages.perPacket(d.hostInterrupts(), d.delivered()),
                PathStages.perPacket(d.guestInterrupts(), d.delivered()), PathStages.perPacket(d.hostCopies(), d.delivered()),
                Latencies.summarize(run.latency), rig.stages(d), loads, fixed, partialDrop / 1e6, d.returned());
    }

    /**
     * The highest rate (pps) whose trial loses at most {@code tolerance} of its frames: a binary
     * search below {@code ceiling}, its first trial at {@code start}.
     */
    private double search(PathRig rig, int frameSize, double ceiling, double start, LoadPoint lineRate, double tolerance,
            List<LoadPoint> loads) {
        if (lineRate.lossFraction() <= tolerance) {
            return lineRate.offeredMpps() * 1e6;
        }
        double lo = 0;
        double hi = Math.min(ceiling, lineRate.offeredMpps() * 1e6);
        double floor = lineRate.offeredMpps() * 1e6 * LOWEST_SHARE;
        double rate = Math.max(floor, Math.min(hi, start));
        for (int step = 0; step < settings.searchSteps(); step++) {
            if (passes(rig, frameSize, rate, tolerance, loads)) {
                lo = rate;
            } else {
                hi = rate;
            }
            rate = Math.max(floor, (lo + hi) / 2);
        }
        return lo;
    }

    /** A trial at {@code rate}, and when it lost too much, one more to confirm the loss. */
    private boolean passes(PathRig rig, int frameSize, double rate, double tolerance, List<LoadPoint> loads) {
        for (int attempt = 0; attempt < 2; attempt++) {
            LoadPoint p = trial(rig, frameSize, (long) rate, framesFor(rate), loads).point;
            if (p.lossFraction() <= tolerance) {
                return true;
            }
        }
        return false;
    }

    private static double lowestOffered(List<LoadPoint> loads) {
        double min = Double.MAX_VALUE;
        for (LoadPoint p : loads) {
            min = Math.min(min, p.offeredMpps() * 1e6);
        }
        return min;
    }

    /** A trial's frames: its duration's worth, at least {@code minFrames} unless that would take over a second. */
    private long framesFor(double ratePps) {
        long floor = Math.min(settings.minFrames(), (long) Math.ceil(ratePps * MAX_FLOOR_SECONDS));
        return Math.max(1, Math.max(floor, (long) (ratePps * settings.trialSeconds())));
    }

    private record Trial(LoadPoint point, Snapshot counts, Histogram latency) {}

    private Trial trial(PathRig rig, int frameSize, long ratePps, long frames, List<LoadPoint> loads) {
        Snapshot before = rig.snapshot();
        rig.takeLatency(); // forget what earlier trials recorded
        long start = System.nanoTime();
        rig.offer(frames, ratePps, frameSize);
        long wireTimeout = (long) Math.max(10e9, 20 * frames * 1e9 / Math.max(ratePps, 1e5));
        if (!rig.awaitOffered(before.offered() + frames, wireTimeout)) {
            throw new IllegalStateException(rig.path().label() + ": the wire did not offer " + frames + " frames in time ("
                    + rig.wireState() + ")");
        }
        long wireNanos = Math.max(1, System.nanoTime() - start);
        boolean settled = rig.awaitSettled(SETTLE_TIMEOUT_NANOS);
        Snapshot counts = rig.snapshot().minus(before);
        if (!settled) {
            throw new IllegalStateException(rig.path().label() + ": " + counts.inFlight()
                    + " frames neither delivered nor counted as dropped after " + SETTLE_TIMEOUT_NANOS / 1_000_000_000 + " s");
        }
        LoadPoint p = new LoadPoint(frames * 1e3 / wireNanos, counts.delivered() * 1e3 / wireNanos, counts.offered(),
                counts.delivered());
        loads.add(p);
        progress.trialDone(rig.path(), frameSize, p);
        return new Trial(p, counts, rig.takeLatency());
    }
}
