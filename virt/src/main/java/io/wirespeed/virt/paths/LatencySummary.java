package io.wirespeed.virt.paths;

import java.util.List;

/**
 * Wire-to-app latency of one run: percentiles in microseconds and the distribution as
 * {@code (latency µs, fraction of frames at or below it)} points, ascending.
 */
public record LatencySummary(long samples, double p50Us, double p99Us, double p999Us, double maxUs, List<CdfPoint> cdf) {
    public LatencySummary {
        cdf = List.copyOf(cdf);
    }

    public record CdfPoint(double latencyUs, double fraction) {}
}
