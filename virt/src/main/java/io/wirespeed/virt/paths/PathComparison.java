package io.wirespeed.virt.paths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The four paths side by side: one rig per path (built, warmed up, measured at every frame size,
 * torn down) so the paths never share a core with each other's threads.
 */
public final class PathComparison {
    /** Frames offered to warm a new rig's code up before its first measurement. */
    static final long WARM_UP_FRAMES = 300_000;

    /** What to compare: paths, frame sizes, the rig's and the search's settings. */
    public record Plan(List<VmPath> paths, List<Integer> sizes, PathRig.Options options, PathMeter.Settings settings) {
        public Plan {
            paths = List.copyOf(paths);
            sizes = List.copyOf(sizes);
            if (paths.isEmpty() || sizes.isEmpty()) {
                throw new IllegalArgumentException("compare at least one path at one frame size");
            }
            for (int size : sizes) {
                if (size < 64 || size > 1518) {
                    throw new IllegalArgumentException("frame size " + size + " is outside 64..1518");
                }
            }
        }

        /** The demo's plan: every path at 64, 512 and 1500 bytes on a 10G NIC. */
        public static Plan demo() {
            return new Plan(List.of(VmPath.values()), List.of(64, 512, 1500), PathRig.Options.defaults(),
                    PathMeter.Settings.defaults());
        }

        /** Trials the plan runs (for a progress bar). */
        public int trials() {
            return paths.size() * sizes.size() * PathMeter.trialsPerMeasurement(settings);
        }
    }

    private PathComparison() {}

    public static List<PathMeasurement> run(Plan plan, PathMeter.Progress progress) {
        PathMeter meter = new PathMeter(plan.settings(), progress);
        List<PathMeasurement> out = new ArrayList<>();
        for (VmPath path : plan.paths()) {
            try (PathRig rig = PathRig.open(path, plan.options())) {
                rig.offer(WARM_UP_FRAMES, 0, plan.sizes().getFirst());
                if (!rig.awaitSettled(30_000_000_000L)) {
                    throw new IllegalStateException(path.label() + ": the warm-up did not settle");
                }
                for (int size : plan.sizes()) {
                    out.add(meter.measure(rig, size, plan.options().linkBitsPerSecond()));
                }
            }
        }
        return out;
    }

    /**
     * The JSON form: {@code paths.PATH} holds the smallest frame size's figures (the seed's
     * comparison is about small frames) and {@code paths.PATH.sizes.SIZE} every size's.
     */
    public static Map<String, Object> toJson(List<PathMeasurement> results) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (PathMeasurement m : results) {
            String key = m.path().label();
            @SuppressWarnings("unchecked")
            Map<String, Object> path = (Map<String, Object>) paths.get(key);
            if (path == null) {
                path = figures(m);
                path.put("frame_size", m.frameSize());
                path.put("sizes", new LinkedHashMap<String, Object>());
                paths.put(key, path);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> sizes = (Map<String, Object>) path.get("sizes");
            sizes.put(Integer.toString(m.frameSize()), figures(m));
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("paths", paths);
        return top;
    }

    private static Map<String, Object> figures(PathMeasurement m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("zero_loss_mpps", round(m.zeroLossMpps(), 4));
        o.put("pdr_mpps", round(m.partialDropMpps(), 4));
        o.put("host_ns_per_packet", round(m.hostNsPerPacket(), 1));
        o.put("guest_ns_per_packet", round(m.guestNsPerPacket(), 1));
        o.put("nic_ns_per_packet", round(m.nicNsPerPacket(), 1));
        o.put("interrupts_per_packet", round(m.interruptsPerPacket(), 4));
        o.put("host_interrupts_per_packet", round(m.hostInterruptsPerPacket(), 4));
        o.put("guest_interrupts_per_packet", round(m.guestInterruptsPerPacket(), 4));
        o.put("copies_per_packet", round(m.copiesPerPacket(), 4));
        o.put("latency_p50_us", round(m.latency().p50Us(), 2));
        o.put("latency_p99_us", round(m.latency().p99Us(), 2));
        o.put("latency_p999_us", round(m.latency().p999Us(), 2));
        o.put("latency_max_us", round(m.latency().maxUs(), 2));
        o.put("offered", m.offered());
        o.put("delivered", m.delivered());
        o.put("returned", m.returned());
        o.put("drops", new LinkedHashMap<>(m.drops()));
        List<Map<String, Object>> loads = new ArrayList<>();
        for (LoadPoint p : m.loads()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("offered_mpps", round(p.offeredMpps(), 4));
            l.put("delivered_mpps", round(p.deliveredMpps(), 4));
            l.put("loss", round(p.lossFraction(), 6));
            loads.add(l);
        }
        o.put("loads", loads);
        List<Map<String, Object>> fixed = new ArrayList<>();
        for (FixedLoad f : m.fixedLoads()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("line_rate_share", f.lineRateShare());
            l.put("offered_mpps", round(f.point().offeredMpps(), 4));
            l.put("delivered_mpps", round(f.point().deliveredMpps(), 4));
            l.put("loss", round(f.point().lossFraction(), 6));
            l.put("host_cores", round(f.hostCores(), 3));
            l.put("guest_cores", round(f.guestCores(), 3));
            l.put("nic_cores", round(f.nicCores(), 3));
            l.put("latency_p50_us", round(f.latencyP50Us(), 2));
            l.put("latency_p99_us", round(f.latencyP99Us(), 2));
            fixed.add(l);
        }
        o.put("fixed_loads", fixed);
        return o;
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return 0;
        }
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    /** The comparison as a terminal table, one row per path and frame size. */
    public static List<String> table(List<PathMeasurement> results) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-12s %5s %10s %9s %9s %9s %9s %7s %7s %9s %9s %9s  %s", "path", "size",
                "0-loss", "PDR", "host", "guest", "nic", "irq/pk", "copy/pk", "p50", "p99", "p99.9", "drops"));
        out.add(String.format(Locale.ROOT, "%-12s %5s %10s %9s %9s %9s %9s %7s %7s %9s %9s %9s", "", "B", "Mpps",
                "Mpps", "ns/pk", "ns/pk", "ns/pk", "", "", "us", "us", "us"));
        for (PathMeasurement m : results) {
            out.add(String.format(Locale.ROOT, "%-12s %5d %10.3f %9.3f %9.0f %9.0f %9.0f %7.3f %7.2f %9.1f %9.1f %9.1f  %s",
                    m.path().label(), m.frameSize(), m.zeroLossMpps(), m.partialDropMpps(), m.hostNsPerPacket(), m.guestNsPerPacket(),
                    m.nicNsPerPacket(), m.interruptsPerPacket(), m.copiesPerPacket(), m.latency().p50Us(),
                    m.latency().p99Us(), m.latency().p999Us(), m.drops().isEmpty() ? "-" : m.drops()));
        }
        return out;
    }
}
