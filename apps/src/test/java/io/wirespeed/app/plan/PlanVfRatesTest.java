package io.wirespeed.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.virt.paths.VmPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanVfRatesTest {
    private static final long G = 1_000_000_000L;

    private static List<VfRates.VfRate> rates(int ports, long... demands) {
        List<VmDemand> vms = new ArrayList<>();
        for (int i = 0; i < demands.length; i++) {
            vms.add(new VmDemand("vm" + i, demands[i], 512));
        }
        PlanSpec spec = new PlanSpec(10 * G, ports, 64, null, List.of(VmPath.SRIOV), vms);
        StageCosts costs = new StageCosts(Map.of(VmPath.SRIOV, Map.of(512, new StageCosts.Cost(0, 10, 0))), "test");
        return VfRates.of(CapacityPlan.plan(VmPath.SRIOV, spec, costs), ports);
    }

    @Test
    void eachVmsVfIsCappedAndGuaranteedItsDemandInMbps() {
        List<VfRates.VfRate> r = rates(1, 5 * G, 5 * G);
        assertThat(r).extracting(VfRates.VfRate::ipLink).containsExactly(
                "ip link set dev pf0 vf 0 max_tx_rate 5000 min_tx_rate 5000",
                "ip link set dev pf0 vf 1 max_tx_rate 5000 min_tx_rate 5000");
        assertThat(r.get(1).wirespeedNic(1)).isEqualTo("wirespeed nic vf 1 max_tx_rate 5000 min_tx_rate 5000");
    }

    @Test
    void theCapRoundsUpAndTheGuaranteeDownToWholeMbps() {
        VfRates.VfRate r = rates(1, 2_500_500_000L).getFirst();
        assertThat(r.maxTxRateMbps()).isEqualTo(2501);
        assertThat(r.minTxRateMbps()).isEqualTo(2500);
    }

    @Test
    void vfsAreNumberedPerPortAndVmsThatDoNotFitGetNone() {
        List<VfRates.VfRate> r = rates(2, 6 * G, 6 * G, 4 * G, 9 * G);
        assertThat(r).extracting(VfRates.VfRate::vm).containsExactly("vm0", "vm1", "vm2");
        assertThat(r).extracting(VfRates.VfRate::port).containsExactly(0, 1, 0);
        assertThat(r).extracting(VfRates.VfRate::vf).containsExactly(0, 0, 1);
        assertThat(r.get(1).wirespeedNic(2)).isEqualTo("wirespeed nic --nic pf1 vf 0 max_tx_rate 6000 min_tx_rate 6000");
    }
}
