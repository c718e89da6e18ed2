package io.wirespeed.virt.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.virt.nic.SwitchMode;
import io.wirespeed.virt.vf.MailboxRequest;
import io.wirespeed.virt.vf.XcastMode;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {
    private static Scenario parse(String yaml) {
        return ScenarioFile.parse(yaml, "s.yaml");
    }

    @Test
    void readsTheNicVfsGuestsAndTraffic() {
        Scenario s = parse("""
                nic: {speed: 25G, totalvfs: 8, numvfs: 4, switch: vepa, default_pool: pf, queues: 2}
                vfs: {1: {mac: "02:00:00:00:00:11", vlan: 100, qos: 3, proto: 802.1ad, trust: on, max_tx_rate: 500}}
                guests:
                  b: {attach: vf1, mode: interrupt, app: txonly, queues: 2, requests: [{promisc: on}, {get: reta}],
                      frames: [{dst: "02:00:00:00:00:10", size: 128, count: 7, rate_pps: 1000}]}
                traffic: [{dst: "ff:ff:ff:ff:ff:ff"}]
                duration: 1500ms
                """);
        assertThat(s.nic().linkBitsPerSecond()).isEqualTo(25_000_000_000L);
        assertThat(s.nic().switchMode()).isEqualTo(SwitchMode.VEPA);
        assertThat(s.nic().defaultToPf()).isTrue();
        assertThat(s.numVfs()).isEqualTo(4);
        assertThat(s.vfs().getFirst().vlan()).isEqualTo(100);
        assertThat(s.vfs().getFirst().proto().word()).isEqualTo("802.1ad");
        GuestSpec b = s.guests().getFirst();
        assertThat(b.vf()).isEqualTo(1);
        assertThat(b.mode()).isEqualTo(GuestSpec.Mode.INTERRUPT);
        assertThat(b.requests()).containsExactly(new MailboxRequest.SetXcast(XcastMode.PROMISC),
                new MailboxRequest.GetReta());
        assertThat(b.frames().getFirst().source()).isZero(); // the guest's own MAC, filled in at boot
        assertThat(s.traffic().getFirst().source()).isEqualTo(ScenarioFile.DEFAULT_WIRE_SOURCE);
        assertThat(s.durationNanos()).isEqualTo(1_500_000_000L);
    }

    @Test
    void numvfsDefaultsToTheHighestVfTheFileUses() {
        assertThat(parse("guests: {a: {attach: vf5}}").numVfs()).isEqualTo(6);
    }

    @Test
    void aMisspeltKeyIsNamedWithItsPath() {
        assertThatThrownBy(() -> parse("nic: {sped: 10G}")).hasMessageStartingWith(
                "s.yaml: nic.sped: unknown key (this section has: name, speed, uplink");
    }

    @Test
    void aBadFrameSizeNamesTheFlow() {
        assertThatThrownBy(() -> parse("guests: {b: {attach: vf0, app: txonly, frames: [{dst: \"02:00:00:00:00:10\", size: 0}]}}"))
                .hasMessage("s.yaml: guests.b.frames[0].size: 0 is outside 1..2048");
    }

    @Test
    void aYamlSyntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> parse("nic: {speed: 10G\nvfs: [")).hasMessageStartingWith("s.yaml:").hasMessageContaining(
                "not valid YAML");
    }

    @Test
    void aGuestOnAVfBeyondNumvfsIsRefused() {
        assertThatThrownBy(() -> parse("nic: {numvfs: 2}\nguests: {a: {attach: vf2}}")).hasMessage(
                "s.yaml: guests.a.attach: VF 2 does not exist: numvfs is 2");
    }

    @Test
    void twoGuestsOnOneVfAreRefused() {
        assertThatThrownBy(() -> parse("guests: {a: {attach: vf0}, b: {attach: vf0}}")).hasMessage(
                "s.yaml: guests.b.attach: vf0 is already guest a's: one guest per function");
    }

    @Test
    void trafficNeedsTheGeneratorUplink() {
        assertThatThrownBy(() -> parse("nic: {uplink: \"net_pcap0,rx_pcap=x.pcap\"}\ntraffic: [{dst: \"02:00:00:00:00:10\"}]"))
                .hasMessageContaining("traffic: frames come from the uplink net_pcap0,rx_pcap=x.pcap");
    }

    @Test
    void aBadMacNamesTheKey() {
        assertThatThrownBy(() -> parse("vfs: {0: {mac: \"02:00:00:00:00\"}}")).hasMessageStartingWith(
                "s.yaml: vfs.0.mac: not a MAC address");
    }

    @Test
    void anUnknownMailboxRequestIsRefused() {
        assertThatThrownBy(() -> parse("guests: {a: {attach: vf0, requests: [{promiscuous: on}]}}")).hasMessageStartingWith(
                "s.yaml: guests.a.requests[0].promiscuous: unknown request");
    }
}
