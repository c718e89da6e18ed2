package io.wirespeed.app.plan;

import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * CPU nanoseconds per packet each path costs, by frame size, as measured by {@code compare}: the
 * host's core, the guest's core and the emulated NIC's service thread. Between measured sizes a
 * cost is interpolated linearly; outside them it is the nearest measured size's.
 */
public final class StageCosts {
    /** Per-packet CPU time of one path at one frame size, in nanoseconds. */
    public record Cost(double hostNs, double guestNs, double nicNs) {
        public Cost {
            if (!(hostNs >= 0 && guestNs >= 0 && nicNs >= 0)) {
                throw new IllegalArgumentException("ns per packet must be 0 or more");
            }
        }

        Cost towards(Cost other, double fraction) {
            return new Cost(hostNs + (other.hostNs - hostNs) * fraction, guestNs + (other.guestNs - guestNs) * fraction,
                    nicNs + (other.nicNs - nicNs) * fraction);
        }
    }

    private final Map<VmPath, NavigableMap<Integer, Cost>> byPath = new EnumMap<>(VmPath.class);
    private final String source;

    /** @param source where the figures come from, for the report (a file name, or "measured on this host") */
    public StageCosts(Map<VmPath, ? extends Map<Integer, Cost>> costs, String source) {
        costs.forEach((path, sizes) -> {
            if (!sizes.isEmpty()) {
                byPath.put(path, new TreeMap<>(sizes));
            }
        });
        this.source = source;
    }

    /** The costs {@code compare} measured, one entry per path and frame size. */
    public static StageCosts of(List<PathMeasurement> measurements, String source) {
        Map<VmPath, Map<Integer, Cost>> costs = new EnumMap<>(VmPath.class);
        for (PathMeasurement m : measurements) {
            costs.computeIfAbsent(m.path(), p -> new TreeMap<>()).put(m.frameSize(),
                    new Cost(m.hostNsPerPacket(), m.guestNsPerPacket(), m.nicNsPerPacket()));
        }
        return new StageCosts(costs, source);
    }

    public String source() {
        return source;
    }

    public boolean has(VmPath path) {
        return byPath.containsKey(path);
    }

    /** The frame sizes measured on {@code path}, ascending. */
    public List<Integer> sizes(VmPath path) {
        return has(path) ? new ArrayList<>(byPath.get(path).keySet()) : List.of();
    }

    /** The cost of {@code path} at {@code frameSize}: interpolated between measured sizes, clamped outside them. */
    public Cost at(VmPath path, int frameSize) {
        NavigableMap<Integer, Cost> sizes = byPath.get(path);
        if (sizes == null) {
            throw new IllegalArgumentException("no costs for the " + path.label() + " path");
        }
        Map.Entry<Integer, Cost> below = sizes.floorEntry(frameSize);
        Map.Entry<Integer, Cost> above = sizes.ceilingEntry(frameSize);
        if (below == null) {
            return above.getValue();
        }
        if (above == null || above.getKey().equals(below.getKey())) {
            return below.getValue();
        }
        double fraction = (double) (frameSize - below.getKey()) / (above.getKey() - below.getKey());
        return below.getValue().towards(above.getValue(), fraction);
    }
}
