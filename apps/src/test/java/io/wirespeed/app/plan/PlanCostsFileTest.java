package io.wirespeed.app.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.virt.paths.VmPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCostsFileTest {
    private static final String SRIOV = """
            {"paths":{"sriov":{"host_ns_per_packet":0.0,"frame_size":64,"sizes":{\
            "64":{"host_ns_per_packet":0.0,"guest_ns_per_packet":90.5,"nic_ns_per_packet":80.0},\
            "1500":{"host_ns_per_packet":1.0,"guest_ns_per_packet":120,"nic_ns_per_packet":100}}}}}""";

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("costs.json");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsTheLastLineOfCompareOutputSizeBySize() throws IOException {
        Path file = write("compare: sriov at 64, 1500 B, 18 trials\npath size ...\n" + SRIOV + "\n\n");
        StageCosts costs = CostsFile.read(file, List.of(VmPath.SRIOV));
        assertThat(costs.sizes(VmPath.SRIOV)).containsExactly(64, 1500);
        assertThat(costs.at(VmPath.SRIOV, 64)).isEqualTo(new StageCosts.Cost(0, 90.5, 80));
        assertThat(costs.at(VmPath.SRIOV, 1500)).isEqualTo(new StageCosts.Cost(1, 120, 100));
        assertThat(costs.source()).isEqualTo("costs.json");
    }

    @Test
    void aPathThePlanNeedsButTheFileLacksIsNamed() throws IOException {
        Path file = write(SRIOV);
        assertThatThrownBy(() -> CostsFile.read(file, List.of(VmPath.SRIOV, VmPath.VMDQ)))
                .hasMessage(file + ": paths.vmdq: missing (the plan needs it: measure it with wirespeed compare"
                        + " --paths vmdq --json)");
    }

    @Test
    void aPathWithoutSizesIsRefused() throws IOException {
        Path file = write("{\"paths\":{\"sriov\":{\"host_ns_per_packet\":0.0,\"sizes\":{}}}}");
        assertThatThrownBy(() -> CostsFile.read(file, List.of(VmPath.SRIOV)))
                .hasMessage(file + ": paths.sriov.sizes: missing: no frame size measured on this path");
    }

    @Test
    void aSizeWithoutItsGuestCostIsNamed() throws IOException {
        Path file = write("{\"paths\":{\"sriov\":{\"sizes\":{\"64\":{\"host_ns_per_packet\":0.0}}}}}");
        assertThatThrownBy(() -> CostsFile.read(file, List.of(VmPath.SRIOV)))
                .hasMessage(file + ": paths.sriov.sizes.64.guest_ns_per_packet: missing");
    }

    @Test
    void textThatIsNotCompareJsonIsRefused() throws IOException {
        Path file = write("plan: nothing here\n");
        assertThatThrownBy(() -> CostsFile.read(file, List.of(VmPath.SRIOV)))
                .hasMessage(file + ": no \"paths\" object: not the JSON line of wirespeed compare --json");
    }

    @Test
    void aMissingFileSaysHowToMakeOne() {
        Path file = dir.resolve("none.json");
        assertThatThrownBy(() -> CostsFile.read(file, List.of(VmPath.SRIOV)))
                .hasMessage(file + ": no such costs file (write one with wirespeed compare --json > FILE)");
    }
}
