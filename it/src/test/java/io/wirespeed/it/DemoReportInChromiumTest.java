package io.wirespeed.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.cli.Wirespeed;
import io.wirespeed.testkit.Host;
import io.wirespeed.virt.paths.VmPath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The report of a real run (the demo's code path with a short search) opened in headless
 * Chromium: every path's flow diagram and every chart is drawn, with the run's stage names.
 */
class DemoReportInChromiumTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void chromiumIsInstalled() {
        Chromium.assertInstalled();
    }

    @Test
    void aMeasuredReportRendersEveryPathsDiagramAndTheCharts() throws Exception {
        Path report = tmp.resolve("report");
        int exit = Wirespeed.run(new String[] {"compare", "--sizes", "64", "--steps", "1", "--trial-ms", "20",
                "--report", report.toString()});
        assertThat(exit).isZero();

        Host.Result r = Chromium.run(tmp.resolve("profile"), "--dump-dom", report.resolve("index.html").toUri().toString());
        assertThat(r.exitCode()).as("chromium --dump-dom failed: %s", r.stderr()).isZero();
        List<Element> svgs = Chromium.svgs(r.stdout());
        // a flow diagram per path; throughput, the 64-byte latency CDF, CPU, interrupts, copies
        assertThat(svgs).hasSize(VmPath.values().length + 5);
        for (Element svg : svgs) {
            assertThat(svg.getElementsByTagNameNS("*", "*").getLength()).as("elements in %s", svg.getAttribute("aria-label"))
                    .isGreaterThan(10);
        }
        assertThat(r.stdout()).contains("host core: vswitch", "virtio queue", "VMDq queue", "VF ring (guest)", "ring (guest)",
                "host PMD: vswitch");
    }
}
