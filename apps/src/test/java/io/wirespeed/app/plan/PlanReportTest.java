package io.wirespeed.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.virt.paths.VmPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanReportTest {
    private static final long G = 1_000_000_000L;

    /** Two 6G VMs at 101 B (1 Mpps a Gbit/s) on one 10G port: they share it, or one gets it whole. */
    private static PlanReport report(VmPath path) {
        PlanSpec spec = new PlanSpec(10 * G, 1, 8, null, List.of(path),
                List.of(new VmDemand("a", 4 * G, 101), new VmDemand("b", 6 * G, 101)));
        StageCosts costs = new StageCosts(Map.of(path, Map.of(101, new StageCosts.Cost(0, 200, 50))), "fixture");
        return new PlanReport(spec, costs, CapacityPlan.plan(spec, costs));
    }

    @Test
    void aPathThatCarriesEveryDemandSaysSoWithItsCoresAndPorts() {
        PlanReport r = report(VmPath.SRIOV);
        assertThat(r.verdict(r.plans().getFirst()))
                .isEqualTo("fits: 2 of 2 VMs, needs 3 of 8 cores, 1 of 1 port; at most 2 VMs like a (bandwidth)");
    }

    @Test
    void aPathThatCannotNamesTheFirstVmLeftOutAndWhy() {
        PlanReport r = report(VmPath.PASSTHROUGH);
        assertThat(r.verdict(r.plans().getFirst())).isEqualTo("does not fit: 1 of 2 VMs (b: no port left: passthrough"
                + " gives each VM a whole port), needs 3 of 8 cores, 2 ports (the NIC has 1), wastes 6 Gbps;"
                + " at most 1 VM like a (ports)");
    }

    @Test
    void sriovsJsonCarriesEachVmsRateLimits() {
        @SuppressWarnings("unchecked")
        Map<String, Object> sriov = (Map<String, Object>) ((Map<String, Object>) report(VmPath.SRIOV).toJson().get("paths"))
                .get("sriov");
        assertThat(sriov).containsEntry("rate_limits", List.of("ip link set dev pf0 vf 0 max_tx_rate 4000 min_tx_rate 4000",
                "ip link set dev pf0 vf 1 max_tx_rate 6000 min_tx_rate 6000"));
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) ((Map<String, Object>) sriov.get("vms")).get("b");
        assertThat(b).containsEntry("vf", 1).containsEntry("max_tx_rate_mbps", 6000L).containsEntry("port", 0);
    }

    @Test
    void theFirstLineNamesTheDemandTheNicTheCoresAndTheCosts() {
        assertThat(report(VmPath.SRIOV).lines().getFirst())
                .isEqualTo("2 VMs demand 10 Gbps; NIC 1 x 10G port; 8 host cores; costs: fixture");
    }
}
