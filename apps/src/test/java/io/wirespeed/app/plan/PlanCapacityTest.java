package io.wirespeed.app.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanCapacityTest {
    /** (101 + 24) * 8 = 1000 bits a frame on the wire: 1 Gbit/s is 1 Mpps. */
    private static final int FRAME = 101;
    private static final long G = 1_000_000_000L;

    private static StageCosts costs(VmPath path, double hostNs, double guestNs, double nicNs) {
        return new StageCosts(Map.of(path, Map.of(FRAME, new StageCosts.Cost(hostNs, guestNs, nicNs))), "test");
    }

    private static PlanSpec spec(long speed, int ports, int cores, VmPath path, long... demands) {
        List<VmDemand> vms = new ArrayList<>();
        for (int i = 0; i < demands.length; i++) {
            vms.add(new VmDemand("vm" + i, demands[i], FRAME));
        }
        return new PlanSpec(speed, ports, cores, null, List.of(path), vms);
    }

    @Test
    void hostCoresAreRoundedUpOnceForAllVmsAndGuestCoresPerVm() {
        CapacityPlan.PathPlan p = CapacityPlan.plan(VmPath.NORMAL, spec(100 * G, 1, 16, VmPath.NORMAL, G, G, G),
                costs(VmPath.NORMAL, 300, 600, 0));
        assertThat(p.hostCores()).isCloseTo(0.9, within(1e-9));
        assertThat(p.hostCoresWhole()).isEqualTo(1);
        assertThat(p.vms()).allSatisfy(v -> {
            assertThat(v.guestCores()).isCloseTo(0.6, within(1e-9));
            assertThat(v.guestCoresWhole()).isEqualTo(1);
        });
        assertThat(p.coresNeeded()).isEqualTo(4);
        assertThat(p.fits()).isTrue();
    }

    @Test
    void theEmulatedNicsTimeIsReportedButTakesNoCore() {
        CapacityPlan.PathPlan p = CapacityPlan.plan(VmPath.SRIOV, spec(100 * G, 1, 16, VmPath.SRIOV, 2 * G),
                costs(VmPath.SRIOV, 0, 500, 1500));
        assertThat(p.nicCores()).isCloseTo(3.0, within(1e-9));
        assertThat(p.coresNeeded()).isEqualTo(1);
    }

    @Test
    void passthroughGivesEachVmAWholePortAndWastesWhatItLeaves() {
        CapacityPlan.PathPlan p = CapacityPlan.plan(VmPath.PASSTHROUGH,
                spec(10 * G, 2, 16, VmPath.PASSTHROUGH, 4 * G, 4 * G, 4 * G), costs(VmPath.PASSTHROUGH, 0, 100, 0));
        assertThat(p.vms()).extracting(CapacityPlan.VmPlan::port).containsExactly(0, 1, -1);
        assertThat(p.vms().get(2).refusal()).isEqualTo("no port left: passthrough gives each VM a whole port");
        assertThat(p.portsNeeded()).isEqualTo(3);
        assertThat(p.wastedBps()).isEqualTo(12 * G);
        assertThat(p.spareBps()).isZero();
        assertThat(p.fits()).isFalse();
    }

    @Test
    void sharedPathsPlaceVmsFirstFitOnThePorts() {
        CapacityPlan.PathPlan p = CapacityPlan.plan(VmPath.SRIOV, spec(10 * G, 2, 16, VmPath.SRIOV, 6 * G, 6 * G, 4 * G),
                costs(VmPath.SRIOV, 0, 100, 0));
        assertThat(p.vms()).extracting(CapacityPlan.VmPlan::port).containsExactly(0, 1, 0);
        assertThat(p.portsNeeded()).isEqualTo(2);
        assertThat(p.wastedBps()).isZero();
        assertThat(p.spareBps()).isEqualTo(4 * G);
    }

    @Test
    void aVmThatWouldOverrunTheCoresIsLeftOutAndASmallerOneAfterItMayFit() {
        // 1.5 cores of guest work a Gbit/s: 2 cores for a 1G VM, 1 for a 0.5G one.
        CapacityPlan.PathPlan p = CapacityPlan.plan(VmPath.SRIOV, spec(100 * G, 1, 3, VmPath.SRIOV, G, G, G / 2),
                costs(VmPath.SRIOV, 0, 1500, 0));
        assertThat(p.vms()).extracting(CapacityPlan.VmPlan::fits).containsExactly(true, false, true);
        assertThat(p.vms().get(1).refusal()).isEqualTo("it would need 4 cores of 3");
        assertThat(p.coresNeeded()).isEqualTo(5);
    }

    @Test
    void aDemandAboveAPortsSpeedNeverFits() {
        CapacityPlan.PathPlan p = CapacityPlan.plan(VmPath.NORMAL, spec(10 * G, 4, 16, VmPath.NORMAL, 11 * G),
                costs(VmPath.NORMAL, 10, 10, 0));
        assertThat(p.vms().getFirst().refusal()).isEqualTo("its demand is above a port's speed");
        assertThat(p.vms().getFirst().maxAlone()).isZero();
    }

    @Test
    void howManyVmsAloneFitStopsAtTheCoresOrTheBandwidth() {
        StageCosts c = costs(VmPath.VMDQ, 250, 400, 0); // a 1G VM: 0.25 host cores, 1 guest core
        CapacityPlan.VmPlan coreBound = CapacityPlan.plan(VmPath.VMDQ, spec(100 * G, 1, 11, VmPath.VMDQ, G), c)
                .vms().getFirst();
        // 8 VMs: 2 host cores + 8 guest cores = 10 of 11; a 9th would need 3 + 9.
        assertThat(coreBound.maxAlone()).isEqualTo(8);
        assertThat(coreBound.aloneLimit()).isEqualTo("cores");
        CapacityPlan.VmPlan bandwidthBound = CapacityPlan.plan(VmPath.VMDQ, spec(10 * G, 1, 64, VmPath.VMDQ, 3 * G), c)
                .vms().getFirst();
        assertThat(bandwidthBound.maxAlone()).isEqualTo(3);
        assertThat(bandwidthBound.aloneLimit()).isEqualTo("bandwidth");
    }
}
