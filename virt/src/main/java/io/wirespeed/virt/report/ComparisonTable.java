package io.wirespeed.virt.report;

import io.wirespeed.virt.paths.LatencySummary;
import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.VmPath;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** The HTML table that compares the paths: one row per path and frame size. */
final class ComparisonTable {
    private static final String[] HEADINGS = {"Path", "Frame (B)", "Zero-loss Mpps", "PDR Mpps (≤ 0.5 % loss)", "Host ns/pkt", "Guest ns/pkt",
        "NIC ns/pkt", "Host irq/pkt", "Guest irq/pkt", "Irq/pkt (total)", "Copies/pkt", "p50 µs", "p99 µs",
        "p99.9 µs", "Offered", "Delivered", "Drops"};

    private ComparisonTable() {
    }

    static String html(ResultIndex index) {
        StringBuilder out = new StringBuilder("<table class=\"comparison\">\n<thead><tr>");
        headings(out, HEADINGS);
        for (PathMeasurement m : index.all()) {
            rowStart(out, m.path());
            cell(out, Integer.toString(m.frameSize()));
            cell(out, Numbers.fixed(m.zeroLossMpps(), 3));
            cell(out, Numbers.fixed(m.partialDropMpps(), 3));
            cell(out, Numbers.fixed(m.hostNsPerPacket(), 1));
            cell(out, Numbers.fixed(m.guestNsPerPacket(), 1));
            cell(out, Numbers.fixed(m.nicNsPerPacket(), 1));
            cell(out, Numbers.fixed(m.hostInterruptsPerPacket(), 3));
            cell(out, Numbers.fixed(m.guestInterruptsPerPacket(), 3));
            cell(out, Numbers.fixed(m.interruptsPerPacket(), 3));
            cell(out, Numbers.fixed(m.copiesPerPacket(), 2));
            cell(out, latency(m, LatencySummary::p50Us));
            cell(out, latency(m, LatencySummary::p99Us));
            cell(out, latency(m, LatencySummary::p999Us));
            cell(out, Numbers.count(m.offered()));
            cell(out, Numbers.count(m.delivered()));
            out.append("<td>").append(drops(m.drops())).append("</td>");
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /** The table's header row, and the body opened. */
    static void headings(StringBuilder out, String... headings) {
        for (String h : headings) {
            out.append("<th>").append(Xml.escape(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
    }

    /** A row opened with the path's name beside its colour. */
    static void rowStart(StringBuilder out, VmPath path) {
        out.append("<tr class=\"path-").append(path.label()).append("\">");
        out.append("<th scope=\"row\"><span class=\"swatch\" style=\"background:").append(Palette.colour(path))
                .append("\"></span>").append(Xml.escape(path.label())).append("</th>");
    }

    static void cell(StringBuilder out, String text) {
        out.append("<td>").append(Xml.escape(text)).append("</td>");
    }

    private static String latency(PathMeasurement m, ToDoubleFunction<LatencySummary> percentile) {
        return m.latency() == null ? Numbers.NOT_AVAILABLE : Numbers.fixed(percentile.applyAsDouble(m.latency()), 2);
    }

    /** The total, and under it each reason with its count (sorted by reason, so the page is stable). */
    private static String drops(Map<String, Long> drops) {
        long total = drops.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder out = new StringBuilder(Xml.escape(Numbers.count(total)));
        for (Map.Entry<String, Long> e : new TreeMap<>(drops).entrySet()) {
            out.append("<br><span class=\"reason\">").append(Xml.escape(e.getKey())).append(' ')
                    .append(Xml.escape(Numbers.count(e.getValue()))).append("</span>");
        }
        return out.toString();
    }
}
