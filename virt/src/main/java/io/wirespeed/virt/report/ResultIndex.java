package io.wirespeed.virt.report;

import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The measurements by path (in {@link VmPath} order) and frame size (ascending). A later
 * measurement of the same path and frame size replaces an earlier one, as a re-run would.
 */
final class ResultIndex {
    private final Map<VmPath, NavigableMap<Integer, PathMeasurement>> byPath = new EnumMap<>(VmPath.class);
    private final NavigableSet<Integer> frameSizes = new TreeSet<>();

    ResultIndex(List<PathMeasurement> results) {
        for (PathMeasurement m : results) {
            Objects.requireNonNull(m, "a null measurement");
            Objects.requireNonNull(m.path(), "a measurement without a path");
            byPath.computeIfAbsent(m.path(), p -> new TreeMap<>()).put(m.frameSize(), m);
            frameSizes.add(m.frameSize());
        }
    }

    boolean isEmpty() {
        return byPath.isEmpty();
    }

    List<VmPath> paths() {
        return List.copyOf(byPath.keySet());
    }

    NavigableSet<Integer> frameSizes() {
        return frameSizes;
    }

    Optional<PathMeasurement> get(VmPath path, int frameSize) {
        NavigableMap<Integer, PathMeasurement> sizes = byPath.get(path);
        return sizes == null ? Optional.empty() : Optional.ofNullable(sizes.get(frameSize));
    }

    /** The path's measurement at its smallest frame size (64 bytes in the demo): the one its flow diagram shows. */
    PathMeasurement smallest(VmPath path) {
        return byPath.get(path).firstEntry().getValue();
    }

    /** Every measurement, by path and then frame size. */
    List<PathMeasurement> all() {
        List<PathMeasurement> all = new ArrayList<>();
        byPath.values().forEach(sizes -> all.addAll(sizes.values()));
        return all;
    }
}
