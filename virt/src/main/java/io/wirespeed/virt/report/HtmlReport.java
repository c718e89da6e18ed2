package io.wirespeed.virt.report;

import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.VmPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's report: one self-contained HTML page (inline CSS and SVG, no script, nothing
 * fetched) with the comparison table, each path's packet-flow diagram, and the charts.
 */
public final class HtmlReport {
    /** The file {@link #write} creates in its directory. */
    public static final String FILE_NAME = "index.html";

    // A policy that forbids every fetch, so a page opened from disk on a machine offline cannot try one.
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1280px; padding: 0 16px; color: #222; }
            h1 { margin-bottom: 4px; }
            dl.context { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 8px 0 24px; }
            dl.context dt { font-weight: bold; }
            dl.context dd { margin: 0; }
            table.comparison { border-collapse: collapse; font-size: 13px; width: 100%; }
            table.comparison th, table.comparison td { border: 1px solid #ccc; padding: 4px 6px; text-align: right; vertical-align: top; }
            table.comparison thead th { background: #f0f0f0; text-align: center; }
            table.comparison tbody th { text-align: left; white-space: nowrap; }
            table.comparison tbody tr:nth-child(even) { background: #fafafa; }
            .reason { color: #777; font-size: 11px; white-space: nowrap; }
            .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 0 24px; }
            p.path { margin: 0 0 6px; color: #444; }
            .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
            figure { margin: 16px 0 28px; }
            figure svg { max-width: 100%; height: auto; border: 1px solid #e5e5e5; }
            figcaption { font-size: 13px; color: #555; margin-top: 4px; }
            code { background: #f4f4f4; padding: 1px 4px; }
            """;

    private HtmlReport() {
    }

    /**
     * Writes the page as {@code directory/index.html}, creating the directory if needed.
     *
     * @return the file written
     */
    public static Path write(Path directory, ReportContext context, List<PathMeasurement> results) {
        String page = render(context, results);
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(FILE_NAME);
            Files.writeString(file, page, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + directory, e);
        }
    }

    /** The page as text. Several measurements of one path and frame size: the last one counts. */
    public static String render(ReportContext context, List<PathMeasurement> results) {
        ResultIndex index = new ResultIndex(results);
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Xml.escape(context.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        page.append("<h1>").append(Xml.escape(context.title())).append("</h1>\n");
        contextList(page, context);
        if (index.isEmpty()) {
            page.append("<p class=\"empty\">No measurements.</p>\n");
        } else {
            page.append("<section id=\"comparison\">\n<h2>Comparison</h2>\n").append(ComparisonTable.html(index))
                    .append("</section>\n");
            if (FixedLoadTable.hasRows(index)) {
                page.append("<section id=\"fixed-loads\">\n<h2>At fixed loads</h2>\n<p>One trial per share of the line"
                        + " rate: the cores each thread kept busy meanwhile (a polling core stays at 1.00; one that sleeps on"
                        + " interrupts uses what the traffic needs).</p>\n").append(FixedLoadTable.html(index)).append("</section>\n");
            }
            flows(page, index);
            charts(page, index);
        }
        notes(page, context.notes());
        return page.append("</body>\n</html>\n").toString();
    }

    private static void contextList(StringBuilder page, ReportContext context) {
        page.append("<dl class=\"context\">\n");
        term(page, "Host", Xml.escape(context.host()));
        term(page, "Date", Xml.escape(context.date()));
        term(page, "Command", "<code>" + Xml.escape(context.command()) + "</code>");
        page.append("</dl>\n");
    }

    private static void term(StringBuilder page, String term, String escapedValue) {
        if (escapedValue.isEmpty() || escapedValue.equals("<code></code>")) {
            return; // nothing said about it: no empty line
        }
        page.append("<dt>").append(term).append("</dt><dd>").append(escapedValue).append("</dd>\n");
    }

    private static void flows(StringBuilder page, ResultIndex index) {
        page.append("<section id=\"flows\">\n<h2>Packet flow</h2>\n");
        for (VmPath path : index.paths()) {
            PathMeasurement m = index.smallest(path);
            page.append("<figure class=\"flow\" id=\"flow-").append(path.label()).append("\">\n")
                    .append("<h3>").append(Xml.escape(path.label())).append("</h3>\n")
                    .append("<p class=\"path\">").append(Xml.escape(description(path))).append("</p>\n")
                    .append(FlowDiagram.draw(m)).append('\n')
                    .append("<figcaption>").append(Xml.escape(m.frameSize() + "-byte frames at the zero-loss rate ("
                            + Numbers.fixed(m.zeroLossMpps(), 3) + " Mpps): " + Numbers.fixed(m.interruptsPerPacket(), 3)
                            + " interrupts and " + Numbers.fixed(m.copiesPerPacket(), 2) + " copies per packet; "
                            + Numbers.count(m.delivered()) + " of " + Numbers.count(m.offered()) + " frames delivered."))
                    .append("</figcaption>\n</figure>\n");
        }
        page.append("</section>\n");
    }

    /** What the path is, in the words of the figure it imitates. */
    private static String description(VmPath path) {
        return switch (path) {
            case NORMAL -> "The NIC interrupts the host's core, the vswitch copies the frame into the guest's queue"
                    + " and interrupts the guest: two interrupts and at least one copy per packet.";
            case VMDQ -> "The NIC sorts frames by MAC and VLAN into the guest's pool queue; the host's core copies"
                    + " them into guest memory and interrupts only the guest: one interrupt, one copy.";
            case SRIOV -> "A virtual function's DMA writes straight into guest memory and the guest polls its ring:"
                    + " no interrupts (unless the guest asks for its own) and no copies.";
            case PASSTHROUGH -> "The whole NIC port belongs to the guest: no interrupts, no copies,"
                    + " but the port's bandwidth cannot be shared with other guests.";
            case OVS_DPDK -> "The normal path in poll mode, as OVS-DPDK runs it: a host PMD thread polls the NIC's queue"
                    + " and runs the vswitch, the guest's virtio driver polls its queue: one copy, no interrupts.";
        };
    }

    private static void charts(StringBuilder page, ResultIndex index) {
        page.append("<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"charts\">\n");
        for (Charts.Chart chart : Charts.all(index)) {
            page.append("<figure class=\"chart\">\n").append(chart.svg()).append('\n')
                    .append("<figcaption>").append(Xml.escape(chart.caption())).append("</figcaption>\n</figure>\n");
        }
        page.append("</div>\n</section>\n");
    }

    private static void notes(StringBuilder page, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        page.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
        for (String n : notes) {
            page.append("<li>").append(Xml.escape(n)).append("</li>\n");
        }
        page.append("</ul>\n</section>\n");
    }
}
