package io.wirespeed.virt.report;

import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Bars grouped by frame size, one bar per path in the path's colour, each stacked from parts
 * (host, guest, NIC) told apart by shade. The total is written over each bar; a zero shows as a
 * line on the axis with "0", a value that was not measured (NaN) as "n/a".
 */
final class StackedBarChart {
    /** One layer of every bar: its name in the legend and where its value comes from. */
    record Part(String name, ToDoubleFunction<PathMeasurement> value) {
    }

    private StackedBarChart() {
    }

    static String draw(String title, String yTitle, ResultIndex index, List<Part> parts) {
        List<VmPath> paths = index.paths();
        List<Integer> sizes = List.copyOf(index.frameSizes());
        double highest = 0;
        for (PathMeasurement m : index.all()) {
            highest = Math.max(highest, total(m, parts));
        }
        Plot plot = new Plot(title, null, Scale.fromZero(highest));
        plot.yAxis(yTitle);
        double groupWidth = (plot.right() - plot.left()) / Math.max(1, sizes.size());
        double barWidth = Math.min(48, groupWidth * 0.8 / Math.max(1, paths.size()));
        for (int g = 0; g < sizes.size(); g++) {
            double centre = plot.left() + groupWidth * (g + 0.5);
            plot.category(centre, sizes.get(g) + " B");
            double first = centre - barWidth * paths.size() / 2;
            for (int b = 0; b < paths.size(); b++) {
                Optional<PathMeasurement> m = index.get(paths.get(b), sizes.get(g));
                if (m.isPresent()) {
                    bar(plot, m.get(), parts, first + b * barWidth + 1, barWidth - 2);
                }
            }
        }
        plot.xTitle("frame size");
        if (sizes.isEmpty()) {
            plot.note("no measurements");
        }
        return plot.legend(legend(paths, parts)).toString();
    }

    private static void bar(Plot plot, PathMeasurement m, List<Part> parts, double x, double width) {
        String colour = Palette.colour(m.path());
        double base = 0;
        StringBuilder tooltip = new StringBuilder(m.path().label() + ", " + m.frameSize() + " B");
        for (int i = 0; i < parts.size(); i++) {
            double v = parts.get(i).value().applyAsDouble(m);
            tooltip.append("; ").append(parts.get(i).name()).append(' ').append(Numbers.significant(v, 4));
            if (!(v > 0) || !Double.isFinite(v)) {
                continue; // zero, negative or not measured: nothing to stack
            }
            double top = plot.py(base + v);
            plot.svg().element("rect").num("x", x).num("y", top).num("width", width)
                    .num("height", plot.py(base) - top).attr("fill", colour).num("fill-opacity", Palette.shade(i)).end();
            base += v;
        }
        boolean measured = parts.stream().anyMatch(p -> Double.isFinite(p.value().applyAsDouble(m)));
        if (base == 0) {
            plot.svg().line(x, plot.bottom() - 1, x + width, plot.bottom() - 1, colour, 2);
        }
        plot.svg().element("rect").num("x", x).num("y", plot.py(base) - 1).num("width", width)
                .num("height", plot.bottom() - plot.py(base) + 1).attr("fill", "transparent").open()
                .title(tooltip.toString()).close();
        plot.svg().text(x + width / 2, plot.py(base) - 5, "middle", 10,
                measured ? Numbers.significant(base, 3) : Numbers.NOT_AVAILABLE);
    }

    /** What a bar's parts add up to, counting only those measured and positive. */
    private static double total(PathMeasurement m, List<Part> parts) {
        double sum = 0;
        for (Part p : parts) {
            double v = p.value().applyAsDouble(m);
            if (Double.isFinite(v) && v > 0) {
                sum += v;
            }
        }
        return sum;
    }

    private static List<Plot.LegendEntry> legend(List<VmPath> paths, List<Part> parts) {
        List<Plot.LegendEntry> entries = new ArrayList<>();
        for (VmPath p : paths) {
            entries.add(new Plot.LegendEntry(p.label(), Palette.colour(p), 1, false));
        }
        if (parts.size() > 1) {
            for (int i = 0; i < parts.size(); i++) {
                entries.add(new Plot.LegendEntry(parts.get(i).name(), "#555555", Palette.shade(i), false));
            }
        }
        return entries;
    }
}
