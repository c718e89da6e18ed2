package io.wirespeed.virt.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlTest {
    @Test
    void escapesTheFiveMarkupCharacters() {
        assertThat(Xml.escape("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;");
    }

    @Test
    void replacesWhatXmlCannotHoldAndKeepsEverythingElse() {
        assertThat(Xml.escape("bell\u0007 nul\u0000 tab\t µs \uD83D\uDE80 lone\uD800")).isEqualTo("bell\uFFFD nul\uFFFD tab\t µs \uD83D\uDE80 lone\uFFFD");
        assertThat(Xml.escape(null)).isEmpty();
    }

    @Test
    void svgAttributesAndTextGoThroughEscaping() {
        Svg svg = new Svg(10, 10, "a \"label\" <x>");
        svg.element("text").attr("class", "q\"uote").text("1 < 2 & \u0001");
        Page.parse(svg.toString());
        assertThat(svg.toString()).contains("class=\"q&quot;uote\"", ">1 &lt; 2 &amp; \uFFFD</text>",
                "aria-label=\"a &quot;label&quot; &lt;x&gt;\"");
    }
}
