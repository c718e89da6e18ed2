package io.wirespeed.virt.paths;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Turns a recorded latency histogram (nanoseconds) into the report's percentiles and CDF. */
final class Latencies {
    /** CDF points: enough for a smooth curve, few enough for a small report. */
    private static final int CDF_POINTS = 64;

    private Latencies() {}

    static LatencySummary summarize(Histogram h) {
        long n = h.getTotalCount();
        if (n == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, List.of());
        }
        List<LatencySummary.CdfPoint> cdf = new ArrayList<>();
        long seen = 0;
        long step = Math.max(1, n / CDF_POINTS);
        long nextMark = step;
        for (HistogramIterationValue v : h.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen >= nextMark || seen == n) {
                cdf.add(new LatencySummary.CdfPoint(h.highestEquivalentValue(v.getValueIteratedTo()) / 1e3, (double) seen / n));
                nextMark = seen + step;
            }
        }
        return new LatencySummary(n, micros(h, 50), micros(h, 99), micros(h, 99.9), h.getMaxValue() / 1e3, cdf);
    }

    private static double micros(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }
}
