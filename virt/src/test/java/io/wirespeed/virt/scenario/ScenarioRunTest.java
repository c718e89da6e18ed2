package io.wirespeed.virt.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.virt.control.ControlClient;
import io.wirespeed.virt.nic.DropReason;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunTest {
    private static ScenarioReport run(String yaml) {
        return ScenarioRun.run(ScenarioFile.parse(yaml, "test.yaml"), DriverRegistry.of());
    }

    private static ScenarioReport.GuestResult guest(ScenarioReport r, String name) {
        return r.guests().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    /** The example: port VLAN traffic to a, b's requests refused where Linux refuses them. */
    @Test
    void theExampleScenarioDeliversRefusesAndConserves() {
        ScenarioReport r = run("""
                nic: {speed: 10G, uplink: generator, totalvfs: 64, numvfs: 4, switch: veb, default_pool: drop}
                vfs:
                  0: {mac: "02:00:00:00:00:10", vlan: 100, qos: 0, spoofchk: on, trust: off, max_tx_rate: 0, state: auto}
                  1: {mac: "02:00:00:00:00:11"}
                guests:
                  a: {attach: vf0, mode: poll, app: rxonly}
                  b: {attach: vf1, mode: interrupt, app: txonly,
                      requests: [{promisc: on}, {mac: "02:00:00:00:00:10"}, {vlan: 200}],
                      frames: [{dst: "02:00:00:00:00:10", src: "02:00:00:00:00:11", vlan: 0, inner_vlan: 0,
                                size: 64, count: 1000, rate_pps: 0}]}
                traffic:
                  - {dst: "02:00:00:00:00:10", src: "02:00:00:00:99:01", vlan: 100, size: 64, count: 10000, rate_pps: 0}
                duration: 20s
                """);
        assertThat(r.drained()).isTrue();
        // at 14.9 Mpps on a 2-core host a's ring may overflow: every frame is delivered or so counted
        long overflow = r.vfs().get(0).drops().get(DropReason.RX_RING_FULL);
        assertThat(guest(r, "a").counts().rxPackets() + overflow).isEqualTo(10_000);
        assertThat(r.vfs().get(0).drops().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(overflow);
        assertThat(guest(r, "b").counts().txPackets()).isEqualTo(1_000);
        // b's untagged frames are not in VF 0's VLAN 100: VEB sends them to the wire
        assertThat(r.uplink().txPackets()).isEqualTo(1_000);
        assertThat(r.vfs().get(1).refused()).containsEntry("set_mac", 1L).containsEntry("set_xcast", 1L)
                .doesNotContainKey("set_vlan");
        assertThat(r.ledger().offered()).isEqualTo(11_000);
        assertThat(r.conserved()).isTrue();
    }

    @Test
    void vebLoopsAFrameBetweenTwoVfsInsideTheNic() {
        ScenarioReport r = run(twoGuests("veb"));
        assertThat(guest(r, "a").counts().rxPackets()).isEqualTo(500);
        assertThat(r.uplink().txPackets()).isZero();
    }

    @Test
    void vepaSendsAFrameForAnotherVfToTheWire() {
        ScenarioReport r = run(twoGuests("vepa"));
        assertThat(guest(r, "a").counts().rxPackets()).isZero();
        assertThat(r.uplink().txPackets()).isEqualTo(500);
        assertThat(r.conserved()).isTrue();
    }

    private static String twoGuests(String mode) {
        return """
                nic: {switch: %s}
                vfs: {0: {mac: "02:00:00:00:00:10"}, 1: {mac: "02:00:00:00:00:11"}}
                guests:
                  a: {attach: vf0}
                  b: {attach: vf1, app: txonly, frames: [{dst: "02:00:00:00:00:10", count: 500}]}
                duration: 20s
                """.formatted(mode);
    }

    @Test
    void aBroadcastReachesEveryGuestAndEachCopyIsCounted() {
        ScenarioReport r = run("""
                guests: {a: {attach: vf0}, b: {attach: vf1}, c: {attach: vf2, mode: interrupt}}
                traffic: [{dst: "ff:ff:ff:ff:ff:ff", count: 300}]
                duration: 20s
                """);
        for (String g : new String[] {"a", "b", "c"}) {
            assertThat(guest(r, g).counts().rxPackets()).as(g).isEqualTo(300);
        }
        assertThat(r.ledger().replicas()).isEqualTo(600);
        assertThat(r.ledger().delivered()).isEqualTo(900);
        assertThat(r.conserved()).isTrue();
    }

    @Test
    void anInterruptModeGuestIsWokenByItsQueueAndAPollModeGuestNever() {
        ScenarioReport r = run("""
                vfs: {0: {mac: "02:00:00:00:00:10"}, 1: {mac: "02:00:00:00:00:11"}}
                guests: {irq: {attach: vf0, mode: interrupt, descriptors: 2048}, pmd: {attach: vf1, mode: poll, descriptors: 2048}}
                traffic:
                  - {dst: "02:00:00:00:00:10", count: 2000, rate_pps: 20000}
                  - {dst: "02:00:00:00:00:11", count: 2000, rate_pps: 20000}
                duration: 20s
                """);
        assertThat(guest(r, "irq").counts().rxPackets()).isEqualTo(2_000);
        assertThat(guest(r, "irq").wakeups()).isPositive();
        assertThat(r.vfs().get(0).interrupts()).isPositive();
        assertThat(guest(r, "pmd").counts().rxPackets()).isEqualTo(2_000);
        assertThat(r.vfs().get(1).interrupts()).isZero();
    }

    @Test
    void aMacswapGuestSendsEveryFrameItReceivesBackToTheWire() {
        ScenarioReport r = run("""
                vfs: {0: {mac: "02:00:00:00:00:10"}}
                guests: {fwd: {attach: vf0, mode: poll, app: macswap, descriptors: 2048}}
                traffic: [{dst: "02:00:00:00:00:10", count: 3000, rate_pps: 100000}]
                duration: 20s
                """);
        // a busy 2-core host may overflow the ring now and then: what arrived is what goes back
        long received = guest(r, "fwd").counts().rxPackets();
        assertThat(received + r.vfs().get(0).drops().get(DropReason.RX_RING_FULL)).isEqualTo(3_000);
        assertThat(guest(r, "fwd").counts().txPackets()).isEqualTo(received);
        assertThat(r.uplink().txPackets()).isEqualTo(received);
        assertThat(r.conserved()).isTrue();
    }

    @Test
    void anL3fwdGuestRoutesItsPrefixBackToTheWire() {
        ScenarioReport r = run("""
                vfs: {0: {mac: "02:00:00:00:00:10"}}
                guests: {router: {attach: vf0, mode: interrupt, app: l3fwd, descriptors: 2048}}
                traffic: [{dst: "02:00:00:00:00:10", count: 2000, rate_pps: 50000}]
                duration: 20s
                """);
        long received = guest(r, "router").counts().rxPackets();
        assertThat(received + r.vfs().get(0).drops().get(DropReason.RX_RING_FULL)).isEqualTo(2_000);
        assertThat(guest(r, "router").counts().txPackets()).isEqualTo(received);
        assertThat(guest(r, "router").appDrops()).isEmpty();
        assertThat(r.uplink().txPackets()).isEqualTo(received);
    }

    @Test
    void anAdaptiveGuestSleepsOnItsInterruptsWhenTrafficIsLow() {
        ScenarioReport r = run("""
                vfs: {0: {mac: "02:00:00:00:00:10"}}
                guests: {a: {attach: vf0, mode: adaptive}}
                traffic: [{dst: "02:00:00:00:00:10", count: 500, rate_pps: 2000}]
                duration: 20s
                """);
        assertThat(guest(r, "a").counts().rxPackets()).isEqualTo(500);
        assertThat(guest(r, "a").wakeups()).isPositive();
        assertThat(r.vfs().get(0).interrupts()).isPositive();
    }

    @Test
    void aGuestCannotReachAnotherVlanUnderItsPortVlanAndSpoofedFramesAreDropped() {
        ScenarioReport r = run("""
                vfs:
                  0: {mac: "02:00:00:00:00:10", vlan: 100}
                  1: {mac: "02:00:00:00:00:11", vlan: 200}
                  2: {mac: "02:00:00:00:00:12", vlan: 100}
                guests:
                  a: {attach: vf0}
                  b: {attach: vf1, app: txonly, frames: [{dst: "02:00:00:00:00:10", count: 100},
                                                          {dst: "02:00:00:00:00:10", vlan: 100, count: 100}]}
                  c: {attach: vf2, app: txonly, frames: [{dst: "02:00:00:00:00:10", count: 100},
                                                          {dst: "02:00:00:00:00:10", src: "02:00:00:00:00:99", count: 50}]}
                duration: 20s
                """);
        // only c's own frames in VLAN 100 arrive; b's (VLAN 200, even double-tagged) go to the wire
        assertThat(guest(r, "a").counts().rxPackets()).isEqualTo(100);
        assertThat(r.uplink().txPackets()).isEqualTo(200);
        assertThat(r.vfs().get(2).drops()).containsEntry(DropReason.SPOOF, 50L);
        assertThat(r.conserved()).isTrue();
    }

    @Test
    void theDurationEndsARunAndWhatARateLimitHeldBackIsCounted() {
        ScenarioReport r = run("""
                vfs: {0: {mac: "02:00:00:00:00:10", max_tx_rate: 10}}
                guests:
                  t: {attach: vf0, app: txonly, frames: [{dst: "02:00:00:00:99:01", size: 1500, count: 1000000}]}
                duration: 300ms
                """);
        assertThat(r.drained()).isFalse();
        assertThat(r.drops()).extractingByKey(DropReason.RATE_LIMIT).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.LONG).isPositive();
        assertThat(r.conserved()).isTrue();
    }

    /** 64 VFs, a guest on each, unicast from the wire to every one of them (fewer than a ring holds: no overflow). */
    @Test
    void sixtyFourVfsEachReceiveTheirOwnTraffic() {
        StringBuilder yaml = new StringBuilder("nic: {totalvfs: 64, numvfs: 64}\nvfs:\n");
        StringBuilder guests = new StringBuilder("guests:\n");
        StringBuilder traffic = new StringBuilder("traffic:\n");
        for (int vf = 0; vf < 64; vf++) {
            String mac = "02:00:00:00:01:%02x".formatted(vf);
            yaml.append("  %d: {mac: \"%s\"}\n".formatted(vf, mac));
            guests.append("  g%d: {attach: vf%d, descriptors: 256}\n".formatted(vf, vf));
            traffic.append("  - {dst: \"%s\", count: 200}\n".formatted(mac));
        }
        ScenarioReport r = run(yaml.append(guests).append(traffic).append("duration: 30s\n").toString());
        assertThat(r.guests()).hasSize(64).allSatisfy(g -> assertThat(g.counts().rxPackets()).isEqualTo(200));
        assertThat(r.totalDrops()).isZero();
        assertThat(r.conserved()).isTrue();
    }
    /** The PF's admin changes a running scenario: numvfs to 0 under traffic loses nothing uncounted. */
    @Test
    void removingTheVfsUnderTrafficThroughTheControlSocketKeepsTheAccount(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("nic.sock");
        Scenario s = ScenarioFile.parse("""
                vfs: {0: {mac: "02:00:00:00:00:10"}, 1: {mac: "02:00:00:00:00:11"}}
                guests:
                  a: {attach: vf0}
                  b: {attach: vf1, mode: interrupt, app: txonly,
                      frames: [{dst: "02:00:00:00:00:10", count: 1000000, rate_pps: 50000}]}
                traffic: [{dst: "02:00:00:00:00:10", count: 1000000, rate_pps: 50000}]
                duration: 1500ms
                """, "test.yaml");
        var run = java.util.concurrent.Executors.newSingleThreadExecutor().submit(
                () -> ScenarioRun.run(s, DriverRegistry.of(), socket));
        awaitSocket(socket);
        Thread.sleep(300);
        assertThat(ControlClient.send(socket, "vf 1 state disable").ok()).isTrue();
        Thread.sleep(200);
        ControlClient.Reply removed = ControlClient.send(socket, "numvfs 0");
        assertThat(removed.ok()).as(removed.output()).isTrue();
        ScenarioReport r = run.get();
        assertThat(r.vfs()).isEmpty();
        assertThat(r.retiredVfs()).hasSize(2);
        assertThat(guest(r, "a").counts().rxPackets()).isPositive();
        assertThat(r.drops().get(DropReason.NO_POOL)).isPositive(); // wire frames for the removed VF 0
        assertThat(r.conserved()).isTrue();
    }

    private static void awaitSocket(Path socket) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!java.nio.file.Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
