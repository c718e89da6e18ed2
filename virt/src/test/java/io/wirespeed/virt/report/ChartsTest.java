package io.wirespeed.virt.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.virt.paths.LatencySummary;
import io.wirespeed.virt.paths.LatencySummary.CdfPoint;
import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartsTest {
    private static final ResultIndex DEMO = new ResultIndex(Measurements.demo());

    @Test
    void throughputHasAMarkerPerPathAndFrameSizeAndALinePerPathInItsColour() {
        Element svg = Page.parse(Charts.throughput(DEMO));
        assertThat(svg.getElementsByTagNameNS(Svg.NAMESPACE, "circle").getLength()).isEqualTo(VmPath.values().length * 3);
        List<String> strokes = attributes(svg.getElementsByTagNameNS(Svg.NAMESPACE, "polyline"), "stroke");
        assertThat(strokes).containsExactly(java.util.Arrays.stream(VmPath.values()).map(Palette::colour).toArray(String[]::new));
        assertThat(Page.texts(svg, "text")).contains("64", "512", "1500", "normal", "passthrough", "Mpps at zero loss");
        assertThat(Page.texts(svg, "title")).contains("vmdq, 512 B: " + Numbers.fixed(Measurements.of(VmPath.VMDQ, 512).zeroLossMpps(), 3) + " Mpps");
    }

    @Test
    void aSingleFrameSizeStillDrawsEveryChart() {
        List<PathMeasurement> one = new ArrayList<>();
        for (VmPath p : VmPath.values()) {
            one.add(Measurements.of(p, 64));
        }
        ResultIndex index = new ResultIndex(one);
        List<Charts.Chart> charts = Charts.all(index);
        assertThat(charts).hasSize(5);
        charts.forEach(c -> Page.parse(c.svg()));
        Element throughput = Page.parse(Charts.throughput(index));
        assertThat(throughput.getElementsByTagNameNS(Svg.NAMESPACE, "circle").getLength()).isEqualTo(VmPath.values().length);
        assertThat(Page.texts(throughput, "text")).contains("64").doesNotContain("no throughput measured");
    }

    @Test
    void theLatencyCdfHasAStepLinePerPathOnALogAxis() {
        Element svg = Page.parse(Charts.latencyCdf(DEMO, 64));
        NodeList lines = svg.getElementsByTagNameNS(Svg.NAMESPACE, "polyline");
        assertThat(lines.getLength()).isEqualTo(VmPath.values().length);
        // five samples drawn as a staircase: each new level joined by a horizontal then a vertical step
        assertThat(((Element) lines.item(0)).getAttribute("points").split(" ")).hasSize(9);
        // p50 of 2 µs down to 0.5 µs and up to 100 µs: the decades 0.1 to 100 with their 2s and 5s
        assertThat(Page.texts(svg, "text")).contains("0.1", "0.2", "0.5", "1", "10", "100", "latency (µs, log scale)");
    }

    @Test
    void anEmptyCdfIsMarkedInTheLegendAndTheOthersAreStillDrawn() {
        PathMeasurement empty = Measurements.withLatency(Measurements.of(VmPath.SRIOV, 64),
                new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of()));
        Element svg = Page.parse(Charts.latencyCdf(new ResultIndex(List.of(Measurements.of(VmPath.NORMAL, 64), empty)), 64));
        assertThat(Page.texts(svg, "text")).contains("normal", "sriov (no data)").doesNotContain("no latency samples");
        assertThat(svg.getElementsByTagNameNS(Svg.NAMESPACE, "polyline").getLength()).isEqualTo(1);
    }

    @Test
    void withNoLatencySamplesAtAllTheCdfSaysSo() {
        PathMeasurement noSummary = Measurements.withLatency(Measurements.of(VmPath.NORMAL, 64), null);
        PathMeasurement unusable = Measurements.withLatency(Measurements.of(VmPath.VMDQ, 64), new LatencySummary(2, 0, 0, 0, 0,
                List.of(new CdfPoint(0, 0.5), new CdfPoint(-1, 1), new CdfPoint(Double.NaN, 1))));
        String chart = Charts.latencyCdf(new ResultIndex(List.of(noSummary, unusable)), 64);
        Element svg = Page.parse(chart);
        assertThat(Page.texts(svg, "text")).contains("no latency samples", "normal (no data)", "vmdq (no data)");
        assertThat(chart).doesNotContain("NaN", "Infinity");
    }

    @Test
    void aCdfOfOneSampleIsADot() {
        PathMeasurement one = Measurements.withLatency(Measurements.of(VmPath.SRIOV, 64),
                new LatencySummary(1, 3, 3, 3, 3, List.of(new CdfPoint(3, 1))));
        Element svg = Page.parse(Charts.latencyCdf(new ResultIndex(List.of(one)), 64));
        assertThat(svg.getElementsByTagNameNS(Svg.NAMESPACE, "circle").getLength()).isEqualTo(1);
        assertThat(Page.texts(svg, "text")).contains("1", "10").doesNotContain("sriov (no data)");
    }

    @Test
    void cpuBarsStackHostGuestAndNicWithTheTotalOnTop() {
        Element svg = Page.parse(Charts.cpu(new ResultIndex(List.of(Measurements.of(VmPath.NORMAL, 64)))));
        List<String> opacities = attributes(svg.getElementsByTagNameNS(Svg.NAMESPACE, "rect"), "fill-opacity");
        // three parts of the one bar, then the three shades of the legend
        assertThat(opacities).containsExactly("1", "0.55", "0.25", "1", "1", "0.55", "0.25");
        assertThat(Page.texts(svg, "text")).contains("315", "host", "guest", "NIC", "64 B", "ns per packet");
    }

    @Test
    void zeroBarsAreDrawnAsABaselineWithAZero() {
        List<PathMeasurement> zeros = List.of(Measurements.of(VmPath.SRIOV, 64), Measurements.of(VmPath.PASSTHROUGH, 64));
        Element svg = Page.parse(Charts.copies(new ResultIndex(zeros)));
        assertThat(Page.texts(svg, "text").stream().filter("0"::equals)).hasSizeGreaterThanOrEqualTo(2 + 1);
        List<String> baselines = attributes(svg.getElementsByTagNameNS(Svg.NAMESPACE, "line"), "stroke");
        assertThat(baselines).contains(Palette.colour(VmPath.SRIOV), Palette.colour(VmPath.PASSTHROUGH));
        assertThat(Page.texts(svg, "text")).as("an all-zero chart still gets a 0..1 axis").contains("1");
    }

    @Test
    void notMeasuredFiguresShowAsNotAvailableAndNeverAsNaN() {
        PathMeasurement nan = Measurements.withFigures(Measurements.of(VmPath.VMDQ, 64), Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN);
        ResultIndex index = new ResultIndex(List.of(nan, Measurements.of(VmPath.NORMAL, 64)));
        for (Charts.Chart c : Charts.all(index)) {
            assertThat(c.svg()).doesNotContain("NaN", "Infinity");
            Page.parse(c.svg());
        }
        Element cpu = Page.parse(Charts.cpu(index));
        assertThat(Page.texts(cpu, "text")).contains(Numbers.NOT_AVAILABLE, "315");
        Element throughput = Page.parse(Charts.throughput(index));
        assertThat(Page.texts(throughput, "text")).contains("vmdq (no data)");
    }

    @Test
    void extremeValuesStillGiveWellFormedChartsWithFewTicks() {
        PathMeasurement huge = Measurements.withFigures(Measurements.of(VmPath.NORMAL, 64), Double.MAX_VALUE,
                Double.MAX_VALUE, Double.MAX_VALUE, 1e-300, Double.MAX_VALUE, 0, Double.MIN_VALUE);
        huge = Measurements.withLatency(huge, new LatencySummary(2, 1, 1, 1, 1,
                List.of(new CdfPoint(Double.MIN_VALUE, 0.5), new CdfPoint(Double.MAX_VALUE, 1))));
        for (Charts.Chart c : Charts.all(new ResultIndex(List.of(huge)))) {
            Element svg = Page.parse(c.svg());
            assertThat(svg.getElementsByTagNameNS(Svg.NAMESPACE, "text").getLength()).isLessThan(80);
        }
    }

    @Test
    void anEmptyIndexGivesChartsThatSayNoData() {
        ResultIndex none = new ResultIndex(List.of());
        assertThat(Page.texts(Page.parse(Charts.throughput(none)), "text")).contains("no throughput measured");
        assertThat(Page.texts(Page.parse(Charts.interrupts(none)), "text")).contains("no measurements");
    }

    private static List<String> attributes(NodeList nodes, String attribute) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            String v = ((Element) nodes.item(i)).getAttribute(attribute);
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return values;
    }
}
