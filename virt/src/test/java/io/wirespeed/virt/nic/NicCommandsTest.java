package io.wirespeed.virt.nic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.net.MacAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NicCommandsTest {
    @Test
    void aVfLineAppliesEverySettingItNames() throws Exception {
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of())) {
            NicCommands commands = new NicCommands(f.nic);
            commands.execute("numvfs 4");
            commands.execute("vf 3 vlan 100 qos 2 proto 802.1ad mac 02:00:00:00:00:33 trust on max_tx_rate 500");
            VfSettings s = f.nic.pf().settings(3);
            assertThat(s.vlan()).isEqualTo(100);
            assertThat(s.qos()).isEqualTo(2);
            assertThat(s.proto()).isEqualTo(VlanProto.DOT1AD);
            assertThat(s.mac()).isEqualTo(MacAddress.parse("02:00:00:00:00:33"));
            assertThat(s.trust()).isTrue();
            assertThat(s.maxTxRateMbps()).isEqualTo(500);
        }
    }

    @Test
    void aLineWithOneBadSettingChangesNothing() throws Exception {
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of())) {
            NicCommands commands = new NicCommands(f.nic);
            commands.execute("numvfs 2");
            VfSettings before = f.nic.pf().settings(1);
            assertThatThrownBy(() -> commands.execute("vf 1 vlan 100 max_tx_rate 99999"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_tx_rate 99999");
            assertThat(f.nic.pf().settings(1)).isEqualTo(before);
        }
    }

    @Test
    void numvfsKeepsLinuxsRule() throws Exception {
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of())) {
            NicCommands commands = new NicCommands(f.nic);
            commands.execute("numvfs 2");
            assertThatThrownBy(() -> commands.execute("numvfs 4")).hasMessageContaining("set it to 0 before");
            assertThat(f.nic.pf().numVfs()).isEqualTo(2);
        }
    }

    @Test
    void unknownWordsAndMissingVfsAreOneLineErrors() throws Exception {
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of())) {
            NicCommands commands = new NicCommands(f.nic);
            assertThatThrownBy(() -> commands.execute("vf 0 trust on")).hasMessageContaining("VF 0 does not exist");
            assertThatThrownBy(() -> commands.execute("reboot")).hasMessageStartingWith("unknown command 'reboot'");
            commands.execute("numvfs 1");
            assertThatThrownBy(() -> commands.execute("vf 0 colour blue")).hasMessageStartingWith(
                    "vf 0: unknown setting 'colour'");
            assertThatThrownBy(() -> commands.execute("vf 0 spoofchk maybe")).hasMessageContaining("on or off");
        }
    }

    @Test
    void showListsTheVfsAndTheirCounters() throws Exception {
        try (NicFixture f = new NicFixture(NicConfig.defaults(), List.of())) {
            NicCommands commands = new NicCommands(f.nic);
            commands.execute("numvfs 2");
            commands.execute("vf 1 vlan 7");
            String show = commands.execute("show");
            assertThat(show).contains("numvfs 2").contains("vf 1 ").contains("vlan 7").contains("vf0: rx 0 packets")
                    .contains("uplink: rx 0 packets");
        }
    }
}
