package io.wirespeed.virt.report;

import io.wirespeed.virt.paths.LatencySummary;
import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The report's charts, each an inline SVG: which numbers go on which chart. */
final class Charts {
    /** A chart and the caption the page shows under it. */
    record Chart(String caption, String svg) {
    }

    private Charts() {
    }

    /** Throughput, then a latency CDF per frame size, then CPU time, interrupts and copies per packet. */
    static List<Chart> all(ResultIndex index) {
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("Zero-loss throughput by frame size.", throughput(index)));
        for (int size : index.frameSizes()) {
            charts.add(new Chart("Latency distribution at " + size + "-byte frames, wire to the guest's app, at the zero-loss rate.",
                    latencyCdf(index, size)));
        }
        charts.add(new Chart("CPU time per packet: host core, guest core and the NIC's engine, stacked.", cpu(index)));
        charts.add(new Chart("Interrupts per packet: to the host's core and to the guest's, stacked.", interrupts(index)));
        charts.add(new Chart("CPU copies per packet.", copies(index)));
        return charts;
    }

    static String throughput(ResultIndex index) {
        int largest = index.frameSizes().isEmpty() ? 1 : index.frameSizes().last();
        List<Double> ticks = index.frameSizes().stream().map(Integer::doubleValue).toList();
        // one size alone goes in the middle rather than against the right edge
        Scale x = Scale.linear(0, ticks.size() == 1 ? 2.0 * largest : largest * 1.06, ticks);
        double highest = index.all().stream().mapToDouble(PathMeasurement::zeroLossMpps)
                .filter(Double::isFinite).max().orElse(0);
        Plot plot = new Plot("Zero-loss throughput", x, Scale.fromZero(highest));
        plot.xAxis("frame size (bytes)", "").yAxis("Mpps at zero loss");
        List<LineChart.Series> series = new ArrayList<>();
        for (VmPath path : index.paths()) {
            List<LineChart.Point> points = new ArrayList<>();
            for (int size : index.frameSizes()) {
                index.get(path, size).ifPresent(m -> points.add(new LineChart.Point(size, m.zeroLossMpps(),
                        path.label() + ", " + size + " B: " + Numbers.fixed(m.zeroLossMpps(), 3) + " Mpps")));
            }
            series.add(new LineChart.Series(path.label(), Palette.colour(path), points, false));
        }
        return LineChart.draw(plot, series, "no throughput measured");
    }

    static String latencyCdf(ResultIndex index, int frameSize) {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (VmPath path : index.paths()) {
            for (LatencySummary.CdfPoint p : cdf(index.get(path, frameSize))) {
                if (Double.isFinite(p.latencyUs()) && p.latencyUs() > 0) {
                    lowest = Math.min(lowest, p.latencyUs());
                    highest = Math.max(highest, p.latencyUs());
                }
            }
        }
        Plot plot = new Plot("Latency CDF, " + frameSize + "-byte frames", Scale.log(lowest, highest),
                Scale.linear(0, 1, List.of(0.0, 0.25, 0.5, 0.75, 0.9, 1.0)));
        plot.xAxis("latency (µs, log scale)", "").yAxis("fraction of frames at or below");
        List<LineChart.Series> series = new ArrayList<>();
        for (VmPath path : index.paths()) {
            List<LineChart.Point> points = cdf(index.get(path, frameSize)).stream()
                    .map(p -> new LineChart.Point(p.latencyUs(), Math.clamp(p.fraction(), 0.0, 1.0), ""))
                    .toList();
            series.add(new LineChart.Series(path.label(), Palette.colour(path), points, true));
        }
        return LineChart.draw(plot, series, "no latency samples");
    }

    static String cpu(ResultIndex index) {
        return StackedBarChart.draw("CPU time per packet", "ns per packet", index, List.of(
                new StackedBarChart.Part("host", PathMeasurement::hostNsPerPacket),
                new StackedBarChart.Part("guest", PathMeasurement::guestNsPerPacket),
                new StackedBarChart.Part("NIC", PathMeasurement::nicNsPerPacket)));
    }

    static String interrupts(ResultIndex index) {
        return StackedBarChart.draw("Interrupts per packet", "interrupts per packet", index, List.of(
                new StackedBarChart.Part("host", PathMeasurement::hostInterruptsPerPacket),
                new StackedBarChart.Part("guest", PathMeasurement::guestInterruptsPerPacket)));
    }

    static String copies(ResultIndex index) {
        return StackedBarChart.draw("Copies per packet", "CPU copies per packet", index, List.of(
                new StackedBarChart.Part("copies", PathMeasurement::copiesPerPacket)));
    }

    private static List<LatencySummary.CdfPoint> cdf(Optional<PathMeasurement> m) {
        return m.map(PathMeasurement::latency).map(LatencySummary::cdf).orElse(List.of());
    }
}
