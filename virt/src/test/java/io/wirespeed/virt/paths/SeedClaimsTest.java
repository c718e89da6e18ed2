package io.wirespeed.virt.paths;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedClaimsTest {
    private static PathMeasurement m(VmPath path, double mpps, double hostIrq, double guestIrq, double copies, long dropped) {
        return new PathMeasurement(path, 64, mpps, 1000, 1000 - dropped, dropped == 0 ? Map.of() : Map.of("rx_ring_full", dropped),
                0, 0, 0, hostIrq, guestIrq, copies, new LatencySummary(0, 0, 0, 0, 0, List.of()), List.of(), List.of());
    }

    private static List<PathMeasurement> seedLike(double normalMpps) {
        return List.of(m(VmPath.NORMAL, normalMpps, 0.5, 0.5, 1, 0), m(VmPath.VMDQ, 1.0, 0, 0.4, 1, 3),
                m(VmPath.SRIOV, 3.0, 0, 0, 0, 0), m(VmPath.PASSTHROUGH, 3.1, 0, 0, 0, 0));
    }

    @Test
    void everyClaimHoldsForFiguresShapedAsTheSeedSays() {
        assertThat(SeedClaims.check(seedLike(0.5))).hasSize(7).allMatch(line -> line.startsWith("held: "));
    }

    @Test
    void aNormalPathFasterThanVmdqBreaksTheOrderingClaim() {
        assertThat(SeedClaims.check(seedLike(2.0))).filteredOn(line -> line.startsWith("did not hold: ")).hasSize(2)
                .allMatch(line -> line.contains("sriov and passthrough > vmdq > normal") && line.contains("normal 2.000 Mpps"));
    }

    @Test
    void aFrameWithoutAnOutcomeBreaksConservation() {
        PathMeasurement lost = new PathMeasurement(VmPath.SRIOV, 64, 1, 1000, 990, Map.of("rx_ring_full", 5L), 0, 0, 0, 0, 0,
                0, new LatencySummary(0, 0, 0, 0, 0, List.of()), List.of(), List.of());
        assertThat(SeedClaims.check(List.of(lost))).last().asString().startsWith("did not hold: every path conserves");
    }
}
