package io.wirespeed.app.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wirespeed.virt.paths.LatencySummary;
import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.VmPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanStageCostsTest {
    private final StageCosts costs = new StageCosts(Map.of(VmPath.NORMAL, Map.of(
            64, new StageCosts.Cost(400, 100, 50),
            1500, new StageCosts.Cost(1120, 244, 194))), "test");

    @Test
    void aMeasuredSizeCostsWhatWasMeasured() {
        assertThat(costs.at(VmPath.NORMAL, 64)).isEqualTo(new StageCosts.Cost(400, 100, 50));
    }

    @Test
    void betweenMeasuredSizesTheCostIsInterpolatedLinearly() {
        // 782 B is halfway from 64 to 1500.
        StageCosts.Cost c = costs.at(VmPath.NORMAL, 782);
        assertThat(c.hostNs()).isCloseTo(760, within(1e-9));
        assertThat(c.guestNs()).isCloseTo(172, within(1e-9));
        assertThat(c.nicNs()).isCloseTo(122, within(1e-9));
    }

    @Test
    void outsideTheMeasuredSizesTheNearestOneIsUsed() {
        assertThat(costs.at(VmPath.NORMAL, 1518)).isEqualTo(new StageCosts.Cost(1120, 244, 194));
        assertThat(costs.at(VmPath.NORMAL, 60)).isEqualTo(new StageCosts.Cost(400, 100, 50));
    }

    @Test
    void knowsWhichPathsItHolds() {
        assertThat(costs.has(VmPath.NORMAL)).isTrue();
        assertThat(costs.has(VmPath.SRIOV)).isFalse();
        assertThat(costs.sizes(VmPath.NORMAL)).containsExactly(64, 1500);
    }

    @Test
    void measurementsGiveEachPathsCostsBySize() {
        LatencySummary latency = new LatencySummary(0, 0, 0, 0, 0, List.of());
        List<PathMeasurement> measured = List.of(
                new PathMeasurement(VmPath.VMDQ, 64, 1.0, 10, 10, Map.of(), 210, 95, 60, 0, 0, 1, latency, List.of(), List.of()),
                new PathMeasurement(VmPath.VMDQ, 512, 0.8, 10, 10, Map.of(), 250, 99, 70, 0, 0, 1, latency, List.of(), List.of()));
        StageCosts fromRun = StageCosts.of(measured, "measured on this host");
        assertThat(fromRun.sizes(VmPath.VMDQ)).containsExactly(64, 512);
        assertThat(fromRun.at(VmPath.VMDQ, 512)).isEqualTo(new StageCosts.Cost(250, 99, 70));
        assertThat(fromRun.source()).isEqualTo("measured on this host");
    }
}
