package io.wirespeed.app.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.virt.paths.VmPath;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlanFileTest {
    private static final Path DIR = Path.of("/plans");

    private static PlanSpec parse(String yaml) {
        return PlanFile.parse(yaml, "p.yaml", DIR);
    }

    @Test
    void readsTheNicTheHostAndEachVmsDemand() {
        PlanSpec spec = parse("""
                nic: {speed: 100G, ports: 2}
                host: {cores: 16}
                frame_size: 512
                vms:
                  vnf1: {demand: 50G}
                  vnf2: {demand: 2.5G, frame_size: 1500}
                  vnf3: {demand: 800M}
                """);
        assertThat(spec.portBitsPerSecond()).isEqualTo(100_000_000_000L);
        assertThat(spec.ports()).isEqualTo(2);
        assertThat(spec.hostCores()).isEqualTo(16);
        assertThat(spec.vms()).containsExactly(new VmDemand("vnf1", 50_000_000_000L, 512),
                new VmDemand("vnf2", 2_500_000_000L, 1500), new VmDemand("vnf3", 800_000_000L, 512));
        assertThat(spec.frameSizes()).containsExactly(512, 1500);
    }

    @Test
    void withoutThoseKeysItPlansEveryPathAt64BytesOnOnePortAndMeasures() {
        PlanSpec spec = parse("nic: {speed: 10G}\nhost: {cores: 4}\nvms: {a: {demand: 1G}}\n");
        assertThat(spec.ports()).isEqualTo(1);
        assertThat(spec.paths()).containsExactly(VmPath.values());
        assertThat(spec.vms().getFirst().frameSize()).isEqualTo(64);
        assertThat(spec.measureCosts()).isTrue();
    }

    @Test
    void aCostsFileIsFoundBesideThePlan() {
        PlanSpec spec = parse("nic: {speed: 10G}\nhost: {cores: 4}\ncosts: costs.json\nvms: {a: {demand: 1G}}\n");
        assertThat(spec.costsFile()).isEqualTo(DIR.resolve("costs.json"));
        assertThat(spec.measureCosts()).isFalse();
    }

    @Test
    void pathsChoosesAndOrdersThePaths() {
        PlanSpec spec = parse("nic: {speed: 10G}\nhost: {cores: 4}\npaths: [sriov, passthrough]\nvms: {a: {demand: 1G}}\n");
        assertThat(spec.paths()).containsExactly(VmPath.SRIOV, VmPath.PASSTHROUGH);
    }

    @Test
    void anUnknownKeyIsNamedWithItsSectionAndTheFile() {
        assertThatThrownBy(() -> parse("nic: {speed: 10G, port: 2}\nhost: {cores: 4}\nvms: {a: {demand: 1G}}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p.yaml: nic.port: unknown key (this section has: speed, ports)");
    }

    @Test
    void aNegativeDemandIsRefused() {
        assertThatThrownBy(() -> parse("nic: {speed: 10G}\nhost: {cores: 4}\nvms: {vnf1: {demand: -5G}}\n"))
                .hasMessageStartingWith("p.yaml: vms.vnf1.demand: must be a rate in bits/s above 0")
                .hasMessageEndingWith("(got '-5G')");
    }

    @Test
    void anUnknownPathIsNamedByItsPlaceInTheList() {
        assertThatThrownBy(() -> parse("nic: {speed: 10G}\nhost: {cores: 4}\npaths: [sriov, macvtap]\nvms: {a: {demand: 1G}}\n"))
                .hasMessage("p.yaml: paths[1]: unknown path 'macvtap' (normal, vmdq, sriov, passthrough, ovs-dpdk)");
    }

    @Test
    void badYamlNamesTheLine() {
        assertThatThrownBy(() -> parse("nic: {speed: 10G\nhost: [\n"))
                .hasMessageStartingWith("p.yaml:2:5: not valid YAML: expected ',' or '}'");
    }

    @Test
    void aPlanWithoutVmsIsRefused() {
        assertThatThrownBy(() -> parse("nic: {speed: 10G}\nhost: {cores: 4}\n"))
                .hasMessageStartingWith("p.yaml: vms: missing: at least one VM");
    }

    @Test
    void aFrameSizeOutsideEthernetsIsRefused() {
        assertThatThrownBy(() -> parse("nic: {speed: 10G}\nhost: {cores: 4}\nvms: {a: {demand: 1G, frame_size: 9000}}\n"))
                .hasMessage("p.yaml: vms.a.frame_size: 9000 is outside 64..1518");
    }

    @Test
    void aMissingFileIsOneLine() {
        assertThatThrownBy(() -> PlanFile.read(Path.of("no/such/plan.yaml")))
                .hasMessage("no/such/plan.yaml: no such plan file");
    }
}
