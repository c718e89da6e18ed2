package io.wirespeed.virt.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.virt.paths.FixedLoad;
import io.wirespeed.virt.paths.LoadPoint;
import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.Stage;
import io.wirespeed.virt.paths.VmPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class HtmlReportTest {
    private static final ReportContext CONTEXT = new ReportContext("VM paths", "2 cores, JDK 25, Linux 6.18",
            "2026-12-07", "./wirespeed demo", List.of("synthetic numbers"));

    @Test
    void writesTheReportAsIndexHtmlIntoTheDirectory(@TempDir Path tmp) throws Exception {
        Path file = HtmlReport.write(tmp.resolve("out/report"), CONTEXT, Measurements.demo());
        assertThat(file).isEqualTo(tmp.resolve("out/report/index.html"));
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .startsWith("<!DOCTYPE html>")
                .isEqualTo(HtmlReport.render(CONTEXT, Measurements.demo()));
    }

    @Test
    void thePageHasOneFlowDiagramPerPath() {
        String html = HtmlReport.render(CONTEXT, Measurements.demo());
        assertThat(Pattern.compile("<figure class=\"flow\"").matcher(html).results().count()).isEqualTo(VmPath.values().length);
        for (VmPath p : VmPath.values()) {
            assertThat(Page.figure(html, "flow-" + p.label()).getAttribute("aria-label")).contains(p.label());
        }
    }

    @Test
    void eachFlowDiagramNamesItsStagesInOrderWithThePacketsOnEachArrow() {
        String html = HtmlReport.render(CONTEXT, Measurements.demo());
        for (VmPath p : VmPath.values()) {
            List<Stage> stages = Measurements.of(p, 64).stages();
            Element svg = Page.figure(html, "flow-" + p.label());
            assertThat(Page.texts(svg, "text").stream().filter(t -> stages.stream().anyMatch(s -> s.name().equals(t))))
                    .containsExactlyElementsOf(stages.stream().map(Stage::name).toList());
            // an arrow leaves every stage but the last, labelled with the packets that stage passed on
            List<String> packets = stages.subList(0, stages.size() - 1).stream().map(s -> Numbers.count(s.packets())).toList();
            assertThat(byClass(svg, "packets")).containsExactlyElementsOf(packets);
        }
    }

    @Test
    void theFlowDiagramShowsTheSmallestFrameSizeMeasured() {
        String html = HtmlReport.render(CONTEXT, List.of(Measurements.of(VmPath.SRIOV, 1500), Measurements.of(VmPath.SRIOV, 512)));
        Element svg = Page.figure(html, "flow-sriov");
        assertThat(svg.getAttribute("aria-label")).contains("512-byte");
        assertThat(byClass(svg, "packets")).contains(Numbers.count(Measurements.of(VmPath.SRIOV, 512).offered()));
    }

    @Test
    void interruptsAndCopiesAreMarkedOnTheStagesThatTookThem() {
        String html = HtmlReport.render(CONTEXT, Measurements.demo());
        PathMeasurement normal = Measurements.of(VmPath.NORMAL, 64);
        Element svg = Page.figure(html, "flow-normal");
        List<String> texts = Page.texts(svg, "text");
        assertThat(texts).contains("irq " + Numbers.count(normal.stages().get(2).interrupts()),
                "irq " + Numbers.count(normal.stages().get(4).interrupts()),
                "copy " + Numbers.count(normal.stages().get(3).copies()), "180 ns/pkt", "95 ns/pkt");
        assertThat(byClass(svg, "irq")).hasSize(2);
        Element passthrough = Page.figure(html, "flow-passthrough");
        assertThat(byClass(passthrough, "irq")).isEmpty();
        assertThat(Page.texts(passthrough, "text")).noneMatch(t -> t.startsWith("copy ") || t.startsWith("irq "));
    }

    @Test
    void everySvgOnThePageIsWellFormedAndDrawsSomething() {
        String html = HtmlReport.render(CONTEXT, Measurements.demo());
        List<Element> svgs = Page.svgs(html);
        // 4 flow diagrams, throughput, a latency CDF per frame size (3), CPU, interrupts, copies
        assertThat(svgs).hasSize(VmPath.values().length + 1 + 3 + 3);
        for (Element svg : svgs) {
            assertThat(svg.getNamespaceURI()).isEqualTo(Svg.NAMESPACE);
            assertThat(svg.getElementsByTagNameNS(Svg.NAMESPACE, "*").getLength()).isGreaterThan(20);
        }
    }

    @Test
    void theComparisonTableHasARowPerPathAndFrameSizeWithItsFigures() {
        String html = HtmlReport.render(CONTEXT, Measurements.demo());
        for (VmPath p : VmPath.values()) {
            assertThat(Pattern.compile("<tr class=\"path-" + p.label() + "\">").matcher(html).results().count()).isEqualTo(3);
        }
        PathMeasurement vmdq = Measurements.of(VmPath.VMDQ, 512);
        String row = html.lines().filter(l -> l.contains(">" + Numbers.count(vmdq.offered()) + "<")).findFirst().orElseThrow();
        assertThat(row).contains("<td>512</td>", "<td>" + Numbers.fixed(vmdq.zeroLossMpps(), 3) + "</td>",
                "<td>180.0</td>", "<td>95.0</td>", "<td>40.0</td>", "<td>1.000</td>", "<td>1.00</td>",
                "<td>" + Numbers.fixed(vmdq.latency().p50Us(), 2) + "</td>", "<td>" + Numbers.fixed(vmdq.latency().p99Us(), 2) + "</td>",
                "<td>" + Numbers.fixed(vmdq.latency().p999Us(), 2) + "</td>", "<td>" + Numbers.count(vmdq.delivered()) + "</td>",
                "<td>101<br><span class=\"reason\">ring full 101</span></td>");
    }

    @Test
    void textFromTheContextAndTheMeasurementsIsEscaped() {
        String nasty = "<script>alert('x') & \"y\"</script>";
        PathMeasurement m = Measurements.of(VmPath.SRIOV, 64);
        m = Measurements.withStages(m, List.of(new Stage(nasty, "nic", 10, 0, 0, 0), new Stage("g<>", "guest", 10, 0, 0, 0)));
        String html = HtmlReport.render(new ReportContext(nasty, nasty, nasty, nasty, List.of(nasty)), List.of(m));
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
        Element svg = Page.figure(html, "flow-sriov");
        assertThat(Page.texts(svg, "text")).contains(nasty.substring(0, 17) + "…", "g<>");
        assertThat(Page.texts(svg, "title")).anyMatch(t -> t.startsWith(nasty));
    }

    @Test
    void thePageNeedsNothingFromOutsideItself() {
        String html = HtmlReport.render(CONTEXT, Measurements.demo());
        assertThat(html).doesNotContain("<script", "<link", "<img", "src=", "@import", "url(http");
        assertThat(html.replace("xmlns=\"" + Svg.NAMESPACE + "\"", "")).doesNotContain("http://", "https://");
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
    }

    @Test
    void theContextAndTheNotesAreShown() {
        String html = HtmlReport.render(CONTEXT, Measurements.demo());
        assertThat(html).contains("<title>VM paths</title>", "<h1>VM paths</h1>", "2 cores, JDK 25, Linux 6.18",
                "2026-12-07", "<code>./wirespeed demo</code>", "<li>synthetic numbers</li>");
    }

    @Test
    void figuresNotMeasuredShowAsNotAvailableInTheTable() {
        PathMeasurement m = Measurements.withFigures(Measurements.of(VmPath.SRIOV, 64), Double.NaN, 1, Double.NaN, 1,
                0, 0, Double.POSITIVE_INFINITY);
        String html = HtmlReport.render(CONTEXT, List.of(Measurements.withLatency(m, null)));
        String row = html.lines().filter(l -> l.startsWith("<tr class=\"path-sriov\">")).findFirst().orElseThrow();
        // both rates (the PDR stands in for the zero-loss one), guest ns, copies and the three percentiles
        assertThat(Pattern.compile("<td>n/a</td>").matcher(row).results().count()).isEqualTo(7);
        assertThat(html).doesNotContain("NaN", "Infinity");
    }

    @Test
    void contextFieldsLeftEmptyAreLeftOut() {
        String html = HtmlReport.render(new ReportContext("t", "", null, "", List.of()), Measurements.demo());
        assertThat(html).doesNotContain("<dt>Host</dt>", "<dt>Date</dt>", "<dt>Command</dt>", "id=\"notes\"");
        assertThat(HtmlReport.render(CONTEXT, Measurements.demo())).contains("<dt>Host</dt>", "<dt>Command</dt>");
    }

    @Test
    void thisHostNamesTheCoresTheJdkAndTheSystem() {
        assertThat(ReportContext.thisHost()).startsWith(Runtime.getRuntime().availableProcessors() + " cores, JDK "
                + Runtime.version()).contains(System.getProperty("os.name"), System.getProperty("os.version"));
    }

    @Test
    void withoutMeasurementsThePageSaysSoAndDrawsNothing() {
        String html = HtmlReport.render(new ReportContext(null, null, null, null, null), List.of());
        assertThat(html).contains("No measurements.").doesNotContain("<svg", "<table");
    }

    @Test
    void aLaterMeasurementOfTheSamePathAndSizeReplacesTheEarlier() {
        PathMeasurement first = Measurements.of(VmPath.NORMAL, 64);
        PathMeasurement rerun = Measurements.withFigures(first, 7.125, 1, 1, 1, 1, 1, 1);
        String html = HtmlReport.render(CONTEXT, List.of(first, rerun));
        assertThat(Pattern.compile("<tr class=\"path-normal\">").matcher(html).results().count()).isEqualTo(1);
        assertThat(html).contains("<td>7.125</td>");
    }

    /** Texts of the elements with {@code cssClass} (the packet labels, the interrupt marks). */
    private static List<String> byClass(Element svg, String cssClass) {
        List<String> found = new java.util.ArrayList<>();
        var all = svg.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("class").equals(cssClass)) {
                found.add(e.getTextContent());
            }
        }
        return found;
    }

    @Test
    void fixedLoadTrialsGetATableRowEachWithTheCoresTheyKeptBusy() {
        PathMeasurement m = Measurements.of(VmPath.NORMAL, 64);
        PathMeasurement withLoads = new PathMeasurement(m.path(), m.frameSize(), m.zeroLossMpps(), m.offered(), m.delivered(),
                m.drops(), m.hostNsPerPacket(), m.guestNsPerPacket(), m.nicNsPerPacket(), m.hostInterruptsPerPacket(),
                m.guestInterruptsPerPacket(), m.copiesPerPacket(), m.latency(), m.stages(), m.loads(),
                List.of(new FixedLoad(0.01, new LoadPoint(0.149, 0.149, 30_000, 30_000), 0.04, 0.03, 0.9, 12.5, 40),
                        new FixedLoad(0.1, new LoadPoint(1.49, 1.48, 300_000, 299_000), 0.31, 0.22, 1.0, 14, 90)),
                m.partialDropMpps(), 0);
        String html = HtmlReport.render(CONTEXT, List.of(withLoads));
        assertThat(html).contains("<h2>At fixed loads</h2>");
        assertThat(html.lines().filter(l -> l.contains("<td>1.0 %</td>")).findFirst().orElseThrow())
                .contains("<td>0.149</td>", "<td>0.04</td>", "<td>0.03</td>", "<td>0.90</td>", "<td>12.50</td>");
        assertThat(html).contains("<td>10.0 %</td>", "<td>0.333 %</td>");
    }

    @Test
    void withoutFixedLoadTrialsThereIsNoFixedLoadSection() {
        assertThat(HtmlReport.render(CONTEXT, Measurements.demo())).doesNotContain("At fixed loads");
    }
}
