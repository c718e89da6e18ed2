package io.wirespeed.virt.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Builds one standalone {@code <svg>} element. Every attribute value and text goes through
 * {@link Xml#escape} and every coordinate through {@link Numbers#coordinate}, so that whatever the
 * data, the result is well-formed XML that needs nothing but itself to render.
 */
final class Svg {
    static final String NAMESPACE = "http://www.w3.org/2000/svg";

    private final double width;
    private final double height;
    private final String label;
    private final StringBuilder body = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    /** A drawing of {@code width} x {@code height} user units; {@code label} is what a screen reader announces. */
    Svg(double width, double height, String label) {
        this.width = width;
        this.height = height;
        this.label = label;
    }

    /** Starts an element; finish it with {@link Element#end()}, {@link Element#text} or {@link Element#open()}. */
    Element element(String name) {
        return new Element(name);
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth) {
        element("line").num("x1", x1).num("y1", y1).num("x2", x2).num("y2", y2)
                .attr("stroke", stroke).num("stroke-width", strokeWidth).end();
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String stroke) {
        element("rect").num("x", x).num("y", y).num("width", Math.max(0, w)).num("height", Math.max(0, h))
                .attr("fill", fill).attr("stroke", stroke).end();
        return this;
    }

    /** Text anchored at ({@code x}, {@code y}); {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String anchor, double size, String content) {
        element("text").num("x", x).num("y", y).attr("text-anchor", anchor).num("font-size", size).text(content);
        return this;
    }

    /** A polyline through {@code xy} pairs (x0, y0, x1, y1, ...). */
    Element polyline(List<double[]> points) {
        StringBuilder p = new StringBuilder();
        for (double[] xy : points) {
            if (!p.isEmpty()) {
                p.append(' ');
            }
            p.append(Numbers.coordinate(xy[0])).append(',').append(Numbers.coordinate(xy[1]));
        }
        return element("polyline").attr("points", p.toString()).attr("fill", "none");
    }

    /** A tooltip for the innermost open element (browsers show an SVG {@code <title>} on hover). */
    Svg title(String content) {
        element("title").text(content);
        return this;
    }

    /** Closes the innermost element opened with {@link Element#open()}. */
    Svg close() {
        if (open.isEmpty()) {
            throw new IllegalStateException("no open element to close");
        }
        body.append("</").append(open.pop()).append('>');
        return this;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return "<svg xmlns=\"" + NAMESPACE + "\" width=\"" + Numbers.coordinate(width) + "\" height=\""
                + Numbers.coordinate(height) + "\" viewBox=\"0 0 " + Numbers.coordinate(width) + " "
                + Numbers.coordinate(height) + "\" role=\"img\" aria-label=\"" + Xml.escape(label)
                + "\" font-family=\"system-ui, sans-serif\">" + "<title>" + Xml.escape(label) + "</title>" + body + "</svg>";
    }

    /** One element being written: its attributes first, then how it ends. */
    final class Element {
        private final String name;

        private Element(String name) {
            this.name = name;
            body.append('<').append(name);
        }

        Element attr(String attribute, String value) {
            if (value != null) {
                body.append(' ').append(attribute).append("=\"").append(Xml.escape(value)).append('"');
            }
            return this;
        }

        Element num(String attribute, double value) {
            return attr(attribute, Numbers.coordinate(value));
        }

        /** Ends the element without content. */
        Svg end() {
            body.append("/>");
            return Svg.this;
        }

        /** Ends the element with {@code content} as its text. */
        Svg text(String content) {
            body.append('>').append(Xml.escape(content)).append("</").append(name).append('>');
            return Svg.this;
        }

        /** Leaves the element open for children, until {@link Svg#close()}. */
        Svg open() {
            body.append('>');
            open.push(name);
            return Svg.this;
        }
    }
}
