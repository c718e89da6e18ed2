package io.wirespeed.virt.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.Stage;
import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FlowDiagramTest {
    @Test
    void stagesGoInTheBandOfTheirKindWithAQueueInTheBandOfTheStageThatFillsIt() {
        // normal: wire, nic, host, queue (filled by the host), guest -- from the bottom band to the top
        List<Double> normal = boxCentres(Measurements.of(VmPath.NORMAL, 64));
        assertThat(normal.get(0)).isGreaterThan(normal.get(1));
        assertThat(normal.get(1)).isGreaterThan(normal.get(2));
        assertThat(normal.get(3)).isEqualTo(normal.get(2));
        assertThat(normal.get(4)).isLessThan(normal.get(3));
        // vmdq: the pool queue is the NIC's, in the NIC band
        List<Double> vmdq = boxCentres(Measurements.of(VmPath.VMDQ, 64));
        assertThat(vmdq.get(2)).isEqualTo(vmdq.get(1));
        assertThat(vmdq.get(3)).isLessThan(vmdq.get(2));
    }

    @Test
    void anArrowJoinsEachStageToTheNext() {
        Element svg = Page.parse(FlowDiagram.draw(Measurements.of(VmPath.PASSTHROUGH, 64)));
        NodeList lines = svg.getElementsByTagNameNS(Svg.NAMESPACE, "line");
        assertThat(lines.getLength()).isEqualTo(2);
        assertThat(((Element) lines.item(0)).getAttribute("marker-end")).isEqualTo("url(#arrow-passthrough)");
        assertThat(svg.getElementsByTagNameNS(Svg.NAMESPACE, "marker").item(0).getAttributes().getNamedItem("id")
                .getNodeValue()).isEqualTo("arrow-passthrough");
    }

    @Test
    void aPathWithoutStagesDrawsItsBandsAndSaysSo() {
        PathMeasurement m = Measurements.withStages(Measurements.of(VmPath.SRIOV, 64), List.of());
        Element svg = Page.parse(FlowDiagram.draw(m));
        assertThat(Page.texts(svg, "text")).contains("VM (guest)", "Hypervisor (host)", "NIC", "Wire", "no stages recorded");
    }

    @Test
    void anUnknownKindOrANaNTimeStillDrawsABox() {
        PathMeasurement m = Measurements.withStages(Measurements.of(VmPath.SRIOV, 64),
                List.of(new Stage("mystery", null, 5, 0, 0, Double.NaN), new Stage("odd", "Switch", 5, 0, 0, -1)));
        String text = FlowDiagram.draw(m);
        Element svg = Page.parse(text);
        assertThat(Page.texts(svg, "text")).contains("mystery", "odd", "5").noneMatch(t -> t.contains("ns/pkt"));
        assertThat(text).doesNotContain("NaN");
    }

    /** The vertical centre of each stage's box, in stage order (smaller is higher up). */
    private static List<Double> boxCentres(PathMeasurement m) {
        Element svg = Page.parse(FlowDiagram.draw(m));
        NodeList groups = svg.getElementsByTagNameNS(Svg.NAMESPACE, "g");
        List<Double> centres = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element box = (Element) ((Element) groups.item(i)).getElementsByTagNameNS(Svg.NAMESPACE, "rect").item(0);
            centres.add(Double.parseDouble(box.getAttribute("y")) + Double.parseDouble(box.getAttribute("height")) / 2);
        }
        assertThat(centres).hasSize(m.stages().size());
        return centres;
    }
}
