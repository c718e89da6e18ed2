package io.wirespeed.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.testkit.Host;
import io.wirespeed.virt.paths.LatencySummary;
import io.wirespeed.virt.paths.LatencySummary.CdfPoint;
import io.wirespeed.virt.paths.LoadPoint;
import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.Stage;
import io.wirespeed.virt.paths.VmPath;
import io.wirespeed.virt.report.HtmlReport;
import io.wirespeed.virt.report.ReportContext;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The demo's HTML report as a browser renders it: headless Chromium loads the page from disk
 * (no network), and its DOM and a screenshot show every diagram and chart drawn. A missing
 * Chromium fails the test (CI installs it): a report nobody checked in a browser is not checked.
 */
class HtmlReportInChromiumTest {
    private static final List<Integer> SIZES = List.of(64, 512, 1500);
    /** A flow diagram per path; throughput; a latency CDF per frame size; CPU, interrupts and copies. */
    private static final int SVGS = VmPath.values().length + 1 + SIZES.size() + 3;
    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @BeforeAll
    static void chromiumIsInstalled() {
        Chromium.assertInstalled();
    }

    @Test
    void theRenderedDomHoldsEveryDiagramAndChartWithItsDrawing() throws Exception {
        Path page = HtmlReport.write(tmp.resolve("report"), context(), measurements());
        Host.Result r = chromium("--dump-dom", page.toUri().toString());
        assertThat(r.exitCode()).as("chromium --dump-dom failed: %s", r.stderr()).isZero();
        String dom = r.stdout();
        assertThat(dom).contains("<title>VM paths in Chromium</title>", "<table class=\"comparison\">");
        List<Element> svgs = new ArrayList<>();
        Matcher m = SVG.matcher(dom);
        while (m.find()) {
            svgs.add(parse(m.group()));
        }
        assertThat(svgs).hasSize(SVGS);
        for (Element svg : svgs) {
            assertThat(svg.getElementsByTagNameNS("*", "*").getLength())
                    .as("elements drawn in %s", svg.getAttribute("aria-label")).isGreaterThan(20);
        }
        List<String> texts = new ArrayList<>();
        var nodes = svgs.getFirst().getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        assertThat(texts).contains("host vswitch", "virtio queue", "guest app", "1,000,064");
    }

    @Test
    void theScreenshotShowsThePageInEveryPathsColour() throws Exception {
        Path page = HtmlReport.write(tmp.resolve("report"), context(), measurements());
        Path png = tmp.resolve("report.png");
        Host.Result r = chromium("--screenshot=" + png, "--window-size=1280,4000", page.toUri().toString());
        assertThat(r.exitCode()).as("chromium --screenshot failed: %s", r.stderr()).isZero();
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG that ImageIO reads").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        // the table's swatches and the charts draw each path in its colour: all four must show
        for (String colour : List.of("#d62728", "#ff7f0e", "#2ca02c", "#1f77b4", "#9467bd")) {
            assertThat(contains(image, Integer.parseInt(colour.substring(1), 16))).as("a pixel of %s", colour).isTrue();
        }
    }

    private Host.Result chromium(String... arguments) {
        return Chromium.run(tmp.resolve("chromium-profile"), arguments);
    }

    /** True when some pixel is within a small distance of {@code rgb} (font smoothing and scaling blend edges). */
    private static boolean contains(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) + Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff))
                        + Math.abs((p & 0xff) - (rgb & 0xff));
                if (d <= 12) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Element parse(String svg) throws Exception {
        return Chromium.parseSvg(svg);
    }

    private static ReportContext context() {
        return new ReportContext("VM paths in Chromium", "2 cores, JDK 25", "2026-12-07", "HtmlReportInChromiumTest",
                List.of("synthetic measurements"));
    }

    /** Every path at every size, offering 1,000,000 + 10,000 x path + size frames, with the demo's stages. */
    private static List<PathMeasurement> measurements() {
        List<PathMeasurement> all = new ArrayList<>();
        for (VmPath p : VmPath.values()) {
            for (int size : SIZES) {
                long offered = 1_000_000 + 10_000L * p.ordinal() + size;
                long delivered = offered - 50;
                boolean viaHost = p == VmPath.NORMAL || p == VmPath.VMDQ;
                List<CdfPoint> cdf = new ArrayList<>();
                for (int i = 1; i <= 50; i++) {
                    cdf.add(new CdfPoint((1 + p.ordinal()) * Math.pow(1.08, i), i / 50.0));
                }
                all.add(new PathMeasurement(p, size, 6.0 - p.ordinal() + 64.0 / size, offered, delivered, Map.of("rx ring full", 50L),
                        viaHost ? 220 : 0, 90, 35, p == VmPath.NORMAL ? 1 : 0, viaHost ? 1 : 0, viaHost ? 1 : 0,
                        new LatencySummary(50, 2, 8, 9, 10, cdf), stages(p, offered, delivered),
                        List.of(new LoadPoint(5, 5, offered, delivered))));
            }
        }
        return all;
    }

    private static List<Stage> stages(VmPath p, long offered, long delivered) {
        Stage wire = new Stage("wire", "wire", offered, 0, 0, 0);
        Stage guest = new Stage("guest app", "guest", delivered, p == VmPath.NORMAL || p == VmPath.VMDQ ? delivered : 0, 0, 90);
        return switch (p) {
            case NORMAL -> List.of(wire, new Stage("nic", "nic", offered, 0, 0, 35), new Stage("host vswitch", "host", delivered, offered, 0, 220),
                    new Stage("virtio queue", "queue", delivered, 0, delivered, 0), guest);
            case VMDQ -> List.of(wire, new Stage("nic pool sort", "nic", offered, 0, 0, 35), new Stage("pool queue", "queue", delivered, 0, 0, 0),
                    new Stage("host copy", "host", delivered, 0, delivered, 220), guest);
            case SRIOV -> List.of(wire, new Stage("vf dma", "nic", offered, 0, 0, 35), new Stage("vf ring", "queue", delivered, 0, 0, 0), guest);
            case PASSTHROUGH -> List.of(wire, new Stage("port dma", "nic", offered, 0, 0, 35), guest);
            case OVS_DPDK -> List.of(wire, new Stage("nic", "nic", offered, 0, 0, 35), new Stage("host pmd vswitch", "host", delivered, 0, 0, 250),
                    new Stage("virtio queue", "queue", delivered, 0, delivered, 0), guest);
        };
    }
}
