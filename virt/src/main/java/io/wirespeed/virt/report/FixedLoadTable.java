package io.wirespeed.virt.report;

import io.wirespeed.virt.paths.FixedLoad;
import io.wirespeed.virt.paths.PathMeasurement;

/**
 * The HTML table of the fixed-load trials: per path, frame size and share of the line rate, what
 * was delivered and how much of a core each thread used. Empty when no trial ran at a fixed load.
 */
final class FixedLoadTable {
    private static final String[] HEADINGS = {"Path", "Frame (B)", "Load (of line rate)", "Offered Mpps",
        "Delivered Mpps", "Loss", "Host cores", "Guest cores", "NIC cores", "p50 µs", "p99 µs"};

    private FixedLoadTable() {
    }

    static boolean hasRows(ResultIndex index) {
        return index.all().stream().anyMatch(m -> !m.fixedLoads().isEmpty());
    }

    static String html(ResultIndex index) {
        StringBuilder out = new StringBuilder("<table class=\"comparison fixed-loads\">\n<thead><tr>");
        for (String h : HEADINGS) {
            out.append("<th>").append(Xml.escape(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (PathMeasurement m : index.all()) {
            for (FixedLoad f : m.fixedLoads()) {
                out.append("<tr class=\"path-").append(m.path().label()).append("\">");
                out.append("<th scope=\"row\"><span class=\"swatch\" style=\"background:").append(Palette.colour(m.path()))
                        .append("\"></span>").append(Xml.escape(m.path().label())).append("</th>");
                cell(out, Integer.toString(m.frameSize()));
                cell(out, Numbers.fixed(f.lineRateShare() * 100, 1) + " %");
                cell(out, Numbers.fixed(f.point().offeredMpps(), 3));
                cell(out, Numbers.fixed(f.point().deliveredMpps(), 3));
                cell(out, Numbers.fixed(f.point().lossFraction() * 100, 3) + " %");
                cell(out, Numbers.fixed(f.hostCores(), 2));
                cell(out, Numbers.fixed(f.guestCores(), 2));
                cell(out, Numbers.fixed(f.nicCores(), 2));
                cell(out, Numbers.fixed(f.latencyP50Us(), 2));
                cell(out, Numbers.fixed(f.latencyP99Us(), 2));
                out.append("</tr>\n");
            }
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    private static void cell(StringBuilder out, String text) {
        out.append("<td>").append(Xml.escape(text)).append("</td>");
    }
}
