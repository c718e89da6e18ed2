package io.wirespeed.virt.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SvgTest {
    @Test
    void coordinatesThatAreNotFiniteBecomeZero() {
        Svg svg = new Svg(100, 50, "t");
        svg.line(Double.NaN, Double.POSITIVE_INFINITY, 1.5, 2.257, "#000", 1);
        assertThat(svg.toString()).contains("x1=\"0\" y1=\"0\" x2=\"1.50\" y2=\"2.26\"").doesNotContain("NaN");
    }

    @Test
    void anElementLeftOpenIsAnError() {
        Svg svg = new Svg(100, 50, "t");
        svg.element("g").open();
        assertThatThrownBy(svg::toString).isInstanceOf(IllegalStateException.class).hasMessageContaining("g");
        svg.close();
        assertThat(Page.parse(svg.toString()).getElementsByTagNameNS(Svg.NAMESPACE, "g").getLength()).isEqualTo(1);
        assertThatThrownBy(svg::close).isInstanceOf(IllegalStateException.class);
    }
}
