package io.wirespeed.virt.vswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VSwitchVlanModeTest {
    @Test
    void anAccessPortTakesUntaggedAndPriorityTaggedFramesOnly() {
        VlanMode m = VlanMode.access(10);
        assertThat(m.classify(VlanMode.UNTAGGED)).isEqualTo(10);
        assertThat(m.classify(0)).isEqualTo(10);
        assertThat(m.classify(10)).isEqualTo(VlanMode.NOT_ALLOWED);
        assertThat(m.egressTag(10)).isEqualTo(VlanMode.UNTAGGED);
        assertThat(m.carries(10)).isTrue();
        assertThat(m.carries(11)).isFalse();
    }

    @Test
    void aTrunkTakesItsVlansTaggedAndItsNativeOneUntagged() {
        VlanMode m = VlanMode.trunkWithNative(1, 10, 20);
        assertThat(m.classify(20)).isEqualTo(20);
        assertThat(m.classify(30)).isEqualTo(VlanMode.NOT_ALLOWED);
        assertThat(m.classify(VlanMode.UNTAGGED)).isEqualTo(1);
        assertThat(m.egressTag(20)).isEqualTo(20);
        assertThat(m.egressTag(1)).isEqualTo(VlanMode.UNTAGGED);
        assertThat(VlanMode.trunk(10).classify(VlanMode.UNTAGGED)).isEqualTo(VlanMode.NOT_ALLOWED);
    }

    @Test
    void theCommandLineFormParsesAndPrintsBack() {
        assertThat(VlanMode.parse("access:10")).isEqualTo(VlanMode.access(10));
        VlanMode trunk = VlanMode.parse("trunk:10,20-22:native=1");
        assertThat(trunk.vlans()).containsExactly(1, 10, 20, 21, 22);
        assertThat(trunk.untaggedVlan()).isEqualTo(1);
        assertThat(trunk).hasToString("trunk:10,20-22:native=1");
        assertThat(VlanMode.parse(trunk.toString())).isEqualTo(trunk);
    }

    @Test
    void badFormsSayWhatWasExpected() {
        assertThatThrownBy(() -> VlanMode.parse("acces:10")).hasMessage(
                "'acces:10': the mode must be access or trunk (e.g. access:10 or trunk:10,20-29:native=1)");
        assertThatThrownBy(() -> VlanMode.parse("access:4095")).hasMessage("VLAN id 4095 is out of range 1..4094");
        assertThatThrownBy(() -> VlanMode.parse("trunk:x")).hasMessageContaining("'x' is not a VLAN id");
        assertThatThrownBy(() -> VlanMode.parse("trunk:20-10")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> VlanMode.parse("trunk:10:nat=1")).hasMessageContaining("is not native=VID");
    }
}
