package io.wirespeed.virt.report;

import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.Stage;
import java.util.List;
import java.util.Locale;

/**
 * A path's packet flow as an SVG, after the classic "normal VM vs VMDq vs SR-IOV" figure: a
 * band each for the VM, the hypervisor, the NIC and the wire (top to bottom), the stages as boxes
 * left to right in their band, arrows between them carrying the packets that left each stage, and
 * on each box its interrupts (a lightning mark), its copies and its CPU ns per packet.
 */
final class FlowDiagram {
    private static final double BAND_LABEL = 132;
    private static final double COLUMN = 200;
    private static final double BOX_WIDTH = 124;
    private static final double BOX_HEIGHT = 84;
    private static final double BAND_HEIGHT = 104;
    private static final double TOP = 8;

    /** The horizontal bands, top to bottom, and the stage kinds drawn in each. */
    private enum Band {
        VM("VM (guest)", "#f4fbf4"),
        HYPERVISOR("Hypervisor (host)", "#fdf8f2"),
        NIC("NIC", "#f3f7fc"),
        WIRE("Wire", "#f7f7f7");

        final String label;
        final String fill;

        Band(String label, String fill) {
            this.label = label;
            this.fill = fill;
        }
    }

    /** How a box of each kind looks. */
    private record Look(String fill, String stroke, String dash) {
        static Look of(String kind) {
            return switch (kind) {
                case "wire" -> new Look("#e6e6e6", "#555555", null);
                case "nic" -> new Look("#d6e6f7", "#2b6cb0", null);
                case "host" -> new Look("#fbdcc0", "#c05621", null);
                case "queue" -> new Look("#fff3c4", "#b7791f", "5 3");
                case "guest" -> new Look("#d4efd4", "#2f855a", null);
                default -> new Look("#eeeeee", "#777777", "2 2");
            };
        }
    }

    private FlowDiagram() {
    }

    static String draw(PathMeasurement m) {
        List<Stage> stages = m.stages();
        double width = BAND_LABEL + Math.max(1, stages.size()) * COLUMN;
        double height = TOP + Band.values().length * BAND_HEIGHT + 8;
        Svg svg = new Svg(width, height, "Packet flow of " + m.path().label() + " at " + m.frameSize() + "-byte frames");
        svg.element("defs").open();
        svg.element("marker").attr("id", "arrow-" + m.path().label()).attr("viewBox", "0 0 10 10")
                .num("refX", 9).num("refY", 5).num("markerWidth", 7).num("markerHeight", 7).attr("orient", "auto").open();
        svg.element("path").attr("d", "M0,0 L10,5 L0,10 z").attr("fill", "#333333").end();
        svg.close().close();
        for (Band b : Band.values()) {
            double y = bandTop(b);
            svg.rect(0, y, width, BAND_HEIGHT - 4, b.fill, "#dddddd");
            svg.element("text").num("x", 10).num("y", y + BAND_HEIGHT / 2).num("font-size", 13)
                    .attr("font-weight", "bold").attr("fill", "#555555").text(b.label);
        }
        if (stages.isEmpty()) {
            svg.text(BAND_LABEL + COLUMN / 2, boxCentre(Band.HYPERVISOR) + 4, "middle", 13, "no stages recorded");
            return svg.toString();
        }
        Band[] bands = bands(stages);
        for (int i = 0; i + 1 < stages.size(); i++) {
            arrow(svg, m, stages.get(i), boxX(i) + BOX_WIDTH, boxCentre(bands[i]), boxX(i + 1), boxCentre(bands[i + 1]));
        }
        for (int i = 0; i < stages.size(); i++) {
            box(svg, stages.get(i), boxX(i), boxCentre(bands[i]) - BOX_HEIGHT / 2);
        }
        return svg.toString();
    }

    /**
     * The band of each stage by its kind; a queue goes in the band of the stage that fills it (a
     * vswitch's virtio ring in the hypervisor, a VF's ring in the NIC), other unknown kinds in the hypervisor's.
     */
    private static Band[] bands(List<Stage> stages) {
        Band[] bands = new Band[stages.size()];
        for (int i = 0; i < bands.length; i++) {
            String kind = kind(stages.get(i));
            bands[i] = switch (kind) {
                case "wire" -> Band.WIRE;
                case "nic" -> Band.NIC;
                case "guest" -> Band.VM;
                case "queue" -> i > 0 && bands[i - 1] != Band.WIRE ? bands[i - 1] : Band.HYPERVISOR;
                default -> Band.HYPERVISOR;
            };
        }
        return bands;
    }

    private static String kind(Stage s) {
        return s.kind() == null ? "" : s.kind().toLowerCase(Locale.ROOT);
    }

    private static void arrow(Svg svg, PathMeasurement m, Stage from, double x1, double y1, double x2, double y2) {
        svg.element("line").num("x1", x1).num("y1", y1).num("x2", x2 - 2).num("y2", y2).attr("stroke", "#333333")
                .num("stroke-width", 2).attr("marker-end", "url(#arrow-" + m.path().label() + ")").open()
                .title(Numbers.count(from.packets()) + " packets from " + from.name()).close();
        double mx = (x1 + x2) / 2;
        // on a level arrow the label sits above it, so that the arrow stays visible
        double my = y1 == y2 ? y1 - 14 : (y1 + y2) / 2;
        double labelWidth = Math.min(COLUMN - BOX_WIDTH - 4, 8 + 6.6 * Numbers.count(from.packets()).length());
        svg.element("rect").num("x", mx - labelWidth / 2).num("y", my - 22).num("width", labelWidth).num("height", 32)
                .num("rx", 4).attr("fill", "#ffffff").attr("stroke", "#bbbbbb").end();
        svg.element("text").num("x", mx).num("y", my - 9).attr("text-anchor", "middle").num("font-size", 11)
                .attr("font-weight", "bold").attr("class", "packets").text(Numbers.count(from.packets()));
        svg.text(mx, my + 5, "middle", 10, "pkts");
    }

    private static void box(Svg svg, Stage s, double x, double y) {
        Look look = Look.of(kind(s));
        svg.element("g").attr("class", "stage").open().title(s.name() + " (" + s.kind() + "): " + Numbers.count(s.packets())
                + " packets out, " + Numbers.count(s.interrupts()) + " interrupts, " + Numbers.count(s.copies())
                + " copies, " + Numbers.significant(s.nsPerPacket(), 4) + " ns/packet");
        svg.element("rect").num("x", x).num("y", y).num("width", BOX_WIDTH).num("height", BOX_HEIGHT).num("rx", 6)
                .attr("fill", look.fill()).attr("stroke", look.stroke()).num("stroke-width", 1.5)
                .attr("stroke-dasharray", look.dash()).end();
        svg.element("text").num("x", x + BOX_WIDTH / 2).num("y", y + 18).attr("text-anchor", "middle").num("font-size", 12)
                .attr("font-weight", "bold").attr("class", "stage-name").text(shorten(s.name(), 18));
        double row = y + 36; // one line each for CPU time, interrupts and copies, those the stage has
        if (Double.isFinite(s.nsPerPacket()) && s.nsPerPacket() > 0) {
            svg.text(x + BOX_WIDTH / 2, row, "middle", 11, Numbers.significant(s.nsPerPacket(), 4) + " ns/pkt");
            row += 17;
        }
        if (s.interrupts() > 0) {
            lightning(svg, x + 10, row - 12);
            svg.text(x + 24, row, "start", 11, "irq " + Numbers.count(s.interrupts()));
            row += 17;
        }
        if (s.copies() > 0) {
            svg.rect(x + 9, row - 8, 8, 8, "#ffffff", "#444444").rect(x + 12, row - 11, 8, 8, "#ffffff", "#444444");
            svg.text(x + 24, row, "start", 11, "copy " + Numbers.count(s.copies()));
        }
        svg.close();
    }

    /** The interrupt mark: a small yellow bolt with its top left corner at ({@code x}, {@code y}). */
    private static void lightning(Svg svg, double x, double y) {
        double[][] bolt = {{4, 0}, {9, 0}, {6, 5}, {9, 5}, {2, 14}, {4, 7}, {1, 7}};
        StringBuilder points = new StringBuilder();
        for (double[] p : bolt) {
            points.append(Numbers.coordinate(x + p[0])).append(',').append(Numbers.coordinate(y + p[1])).append(' ');
        }
        svg.element("polygon").attr("points", points.toString().strip()).attr("fill", "#f6c000")
                .attr("stroke", "#8a6d00").num("stroke-width", 0.8).attr("class", "irq").end();
    }

    private static String shorten(String name, int max) {
        String n = name == null ? "" : name;
        return n.length() <= max ? n : n.substring(0, max - 1) + "…";
    }

    private static double boxX(int column) {
        return BAND_LABEL + column * COLUMN + (COLUMN - BOX_WIDTH) / 2;
    }

    private static double bandTop(Band b) {
        return TOP + b.ordinal() * BAND_HEIGHT;
    }

    private static double boxCentre(Band b) {
        return bandTop(b) + (BAND_HEIGHT - 4) / 2;
    }
}
