package io.wirespeed.virt.report;

import java.util.List;

/**
 * The frame every chart is drawn in: a title, a plot area with axes, ticks, grid lines and
 * their titles, and a legend to the right. Charts draw their data into {@link #svg()} through
 * {@link #px} and {@link #py}.
 */
final class Plot {
    static final double WIDTH = 800;
    static final double HEIGHT = 380;
    private static final double LEFT = 76;
    private static final double RIGHT = 580;
    private static final double TOP = 44;
    private static final double BOTTOM = 316;
    private static final String AXIS = "#333333";
    private static final String GRID = "#e3e3e3";

    /** One legend line: a swatch (a line or a box, in {@code colour} at {@code opacity}) and its label. */
    record LegendEntry(String label, String colour, double opacity, boolean line) {
    }

    private final Svg svg;
    private final Scale x;
    private final Scale y;

    /** {@code x} may be null for charts whose x axis holds categories rather than values. */
    Plot(String title, Scale x, Scale y) {
        this.svg = new Svg(WIDTH, HEIGHT, title);
        this.x = x;
        this.y = y;
        svg.rect(0, 0, WIDTH, HEIGHT, "#ffffff", null);
        svg.element("text").num("x", LEFT).num("y", 24).num("font-size", 15).attr("font-weight", "bold").text(title);
    }

    Svg svg() {
        return svg;
    }

    double left() {
        return LEFT;
    }

    double right() {
        return RIGHT;
    }

    double bottom() {
        return BOTTOM;
    }

    double px(double value) {
        return LEFT + x.fraction(value) * (RIGHT - LEFT);
    }

    double py(double value) {
        return BOTTOM - y.fraction(value) * (BOTTOM - TOP);
    }

    /** The x axis with a tick and label at each of the scale's ticks. */
    Plot xAxis(String title, String unitSuffix) {
        for (double t : x.ticks()) {
            double at = px(t);
            svg.line(at, TOP, at, BOTTOM, GRID, 1);
            svg.line(at, BOTTOM, at, BOTTOM + 5, AXIS, 1);
            svg.text(at, BOTTOM + 19, "middle", 12, Numbers.significant(t, 4) + unitSuffix);
        }
        return xTitle(title);
    }

    /** A label under the x axis at {@code at}, for category axes. */
    Plot category(double at, String label) {
        svg.line(at, BOTTOM, at, BOTTOM + 5, AXIS, 1);
        svg.text(at, BOTTOM + 19, "middle", 12, label);
        return this;
    }

    Plot xTitle(String title) {
        svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, AXIS, 1);
        svg.text((LEFT + RIGHT) / 2, BOTTOM + 44, "middle", 13, title);
        return this;
    }

    /** The y axis with grid lines across the plot at each tick. */
    Plot yAxis(String title) {
        for (double t : y.ticks()) {
            double at = py(t);
            svg.line(LEFT, at, RIGHT, at, GRID, 1);
            svg.line(LEFT - 5, at, LEFT, at, AXIS, 1);
            svg.text(LEFT - 8, at + 4, "end", 12, Numbers.significant(t, 4));
        }
        svg.line(LEFT, TOP, LEFT, BOTTOM, AXIS, 1);
        double middle = (TOP + BOTTOM) / 2;
        svg.element("text").num("x", 18).num("y", middle).attr("text-anchor", "middle").num("font-size", 13)
                .attr("transform", "rotate(-90 18 " + Numbers.coordinate(middle) + ")").text(title);
        return this;
    }

    Plot legend(List<LegendEntry> entries) {
        double top = TOP + 4;
        for (int i = 0; i < entries.size(); i++) {
            LegendEntry e = entries.get(i);
            double row = top + i * 22;
            if (e.line()) {
                svg.element("line").num("x1", RIGHT + 20).num("y1", row + 6).num("x2", RIGHT + 44).num("y2", row + 6)
                        .attr("stroke", e.colour()).num("stroke-width", 3).num("stroke-opacity", e.opacity()).end();
            } else {
                svg.element("rect").num("x", RIGHT + 24).num("y", row).num("width", 14).num("height", 12)
                        .attr("fill", e.colour()).num("fill-opacity", e.opacity()).end();
            }
            svg.text(RIGHT + 52, row + 10, "start", 12, e.label());
        }
        return this;
    }

    /** A message in the middle of the plot area, for when there is nothing to draw. */
    Plot note(String message) {
        svg.element("text").num("x", (LEFT + RIGHT) / 2).num("y", (TOP + BOTTOM) / 2).attr("text-anchor", "middle")
                .num("font-size", 14).attr("fill", "#777777").text(message);
        return this;
    }

    @Override
    public String toString() {
        return svg.toString();
    }
}
