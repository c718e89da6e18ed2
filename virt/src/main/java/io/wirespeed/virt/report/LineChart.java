package io.wirespeed.virt.report;

import java.util.ArrayList;
import java.util.List;

/** Lines, one per series, on a {@link Plot}: markers at measured points, or a step line for a distribution. */
final class LineChart {
    /** A data point; {@code tooltip} is shown on hover over its marker. */
    record Point(double x, double y, String tooltip) {
    }

    /** {@code step}: draw as a staircase without markers (a CDF); otherwise straight segments with markers. */
    record Series(String label, String colour, List<Point> points, boolean step) {
    }

    private LineChart() {
    }

    /**
     * Draws the series; points outside what the scales can place (NaN, or not positive on a log
     * scale) are left out and break the line. A series with nothing left is marked "(no data)" in
     * the legend, and with no data at all the plot says {@code emptyNote}.
     */
    static String draw(Plot plot, List<Series> series, String emptyNote) {
        List<Plot.LegendEntry> legend = new ArrayList<>();
        boolean any = false;
        for (Series s : series) {
            boolean drawn = drawSeries(plot, s);
            any |= drawn;
            legend.add(new Plot.LegendEntry(drawn ? s.label() : s.label() + " (no data)", s.colour(), drawn ? 1 : 0.3, true));
        }
        if (!any) {
            plot.note(emptyNote);
        }
        return plot.legend(legend).toString();
    }

    private static boolean drawSeries(Plot plot, Series s) {
        List<double[]> run = new ArrayList<>();
        boolean drawn = false;
        double previousY = Double.NaN;
        for (Point p : s.points()) {
            double x = plot.px(p.x());
            double y = plot.py(p.y());
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                drawn |= flush(plot, s, run);
                previousY = Double.NaN;
                continue;
            }
            if (s.step() && Double.isFinite(previousY)) {
                run.add(new double[] {x, previousY}); // a CDF holds its level until the next sample
            }
            run.add(new double[] {x, y});
            previousY = y;
            if (!s.step()) {
                plot.svg().element("circle").num("cx", x).num("cy", y).num("r", 4).attr("fill", s.colour()).open()
                        .title(p.tooltip()).close();
                drawn = true;
            }
        }
        boolean last = flush(plot, s, run);
        return drawn || last;
    }

    /** Draws the points gathered so far as one line and starts a new run; true when it drew anything. */
    private static boolean flush(Plot plot, Series s, List<double[]> run) {
        boolean drawn = !run.isEmpty();
        if (run.size() > 1) {
            plot.svg().polyline(run).attr("stroke", s.colour()).num("stroke-width", 2.5)
                    .attr("stroke-linejoin", "round").open().title(s.label()).close();
        } else if (run.size() == 1 && s.step()) {
            // a one-sample distribution: a dot, since a line needs two points
            plot.svg().element("circle").num("cx", run.get(0)[0]).num("cy", run.get(0)[1]).num("r", 3)
                    .attr("fill", s.colour()).end();
        }
        run.clear();
        return drawn;
    }
}
