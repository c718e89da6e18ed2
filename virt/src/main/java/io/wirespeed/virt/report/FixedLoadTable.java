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
        ComparisonTable.headings(out, HEADINGS);
        for (PathMeasurement m : index.all()) {
            for (FixedLoad f : m.fixedLoads()) {
                ComparisonTable.rowStart(out, m.path());
                ComparisonTable.cell(out, Integer.toString(m.frameSize()));
                ComparisonTable.cell(out, Numbers.fixed(f.lineRateShare() * 100, 1) + " %");
                ComparisonTable.cell(out, Numbers.fixed(f.point().offeredMpps(), 3));
                ComparisonTable.cell(out, Numbers.fixed(f.point().deliveredMpps(), 3));
                ComparisonTable.cell(out, Numbers.fixed(f.point().lossFraction() * 100, 3) + " %");
                ComparisonTable.cell(out, Numbers.fixed(f.hostCores(), 2));
                ComparisonTable.cell(out, Numbers.fixed(f.guestCores(), 2));
                ComparisonTable.cell(out, Numbers.fixed(f.nicCores(), 2));
                ComparisonTable.cell(out, Numbers.fixed(f.latencyP50Us(), 2));
                ComparisonTable.cell(out, Numbers.fixed(f.latencyP99Us(), 2));
                out.append("</tr>\n");
            }
        }
        return out.append("</tbody>\n</table>\n").toString();
    }
}
