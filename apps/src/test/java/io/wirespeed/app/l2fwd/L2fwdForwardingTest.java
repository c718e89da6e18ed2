package io.wirespeed.app.l2fwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.Port;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** l2fwd's forwarding over net_ring ports: where frames go, what is rewritten, what is counted. */
class L2fwdForwardingTest {
    private static final long HOST_A = 0x02_aa_00_00_00_01L;
    private static final long HOST_B = 0x02_bb_00_00_00_02L;

    @Test
    void macUpdatingSetsDestinationToTheTxPortNumberAndSourceToTheTxPortsAddress() {
        try (RingRig rig = new RingRig(2, 0x3, UnaryOperator.identity())) {
            rig.l2fwd.start();
            byte[] sent = Frames.frame(HOST_B, HOST_A, 100);
            rig.inject(0, sent);

            List<byte[]> out = rig.collect(1, 1);

            assertThat(out).hasSize(1);
            byte[] f = out.getFirst();
            assertThat(Frames.dst(f)).isEqualTo(MacAddress.parse("02:00:00:00:00:01").bits());
            assertThat(Frames.src(f)).isEqualTo(rig.l2fwd.ports().get(1).macAddress().bits());
            assertThat(java.util.Arrays.copyOfRange(f, 12, f.length)).isEqualTo(java.util.Arrays.copyOfRange(sent, 12, sent.length));
        }
    }

    @Test
    void withoutMacUpdatingFramesLeaveUnchanged() {
        try (RingRig rig = new RingRig(2, 0x3, c -> c.withMacUpdating(false))) {
            rig.l2fwd.start();
            byte[] sent = Frames.frame(HOST_B, HOST_A, 64);
            rig.inject(1, sent);

            assertThat(rig.collect(0, 1)).singleElement().isEqualTo(sent);
        }
    }

    @Test
    void enabledPortsPairInOrderBothWays() {
        try (RingRig rig = new RingRig(4, 0xf, c -> c.withMacUpdating(false))) {
            rig.l2fwd.start();
            for (int p = 0; p < 4; p++) {
                rig.inject(p, Frames.frame(HOST_B, 0x02_00_00_00_10_00L + p, 64));
            }

            assertThat(rig.collect(1, 1)).singleElement().satisfies(f -> assertThat(Frames.src(f) & 0xff).isEqualTo(0));
            assertThat(rig.collect(0, 1)).singleElement().satisfies(f -> assertThat(Frames.src(f) & 0xff).isEqualTo(1));
            assertThat(rig.collect(3, 1)).singleElement().satisfies(f -> assertThat(Frames.src(f) & 0xff).isEqualTo(2));
            assertThat(rig.collect(2, 1)).singleElement().satisfies(f -> assertThat(Frames.src(f) & 0xff).isEqualTo(3));
        }
    }

    @Test
    void thePortmapDecidesThePairs() {
        try (RingRig rig = new RingRig(4, 0xf, c -> c.withMacUpdating(false).withPortmap("(0,2),(1,3)"))) {
            rig.l2fwd.start();
            rig.inject(0, Frames.frame(HOST_B, HOST_A, 64));
            rig.inject(3, Frames.frame(HOST_A, HOST_B, 64));

            assertThat(rig.collect(2, 1)).singleElement().satisfies(f -> assertThat(Frames.src(f)).isEqualTo(HOST_A));
            assertThat(rig.collect(1, 1)).singleElement().satisfies(f -> assertThat(Frames.src(f)).isEqualTo(HOST_B));
            assertThat(rig.collect(3, 1)).isEmpty();
        }
    }

    @Test
    void portsOutsideTheMaskAreNeitherStartedNorPolled() {
        try (RingRig rig = new RingRig(3, 0x3, UnaryOperator.identity())) {
            rig.l2fwd.start();
            rig.inject(2, Frames.frame(HOST_B, HOST_A, 64));
            rig.inject(0, Frames.frame(HOST_B, HOST_A, 64));
            rig.collect(1, 1);

            assertThat(rig.l2fwd.ports().get(2).state()).isEqualTo(Port.State.CREATED);
            L2fwdReport r = rig.l2fwd.stop();
            assertThat(r.ports()).extracting(L2fwdReport.PortReport::id).containsExactly(0, 1);
            assertThat(r.totals().rx()).isEqualTo(1);
        }
    }

    @Test
    void framesATxQueueRefusesAreCountedAsDroppedOnThatPortAndConservationHolds() {
        // Nobody drains port 1's 64-slot ring: after 64 frames its transmit queue refuses the rest.
        try (RingRig rig = new RingRig(2, 0x3, 64, UnaryOperator.identity())) {
            rig.l2fwd.start();
            int injected = 0;
            for (int i = 0; i < 200; i++) {
                injected += rig.inject(0, Frames.frame(HOST_B, HOST_A, 64));
                rig.awaitReceived(injected);
            }

            L2fwdReport r = rig.l2fwd.stop();

            assertThat(injected).isEqualTo(200);
            assertThat(r.port(0).rx()).isEqualTo(200);
            assertThat(r.port(1).tx()).isEqualTo(64);
            assertThat(r.port(1).dropped()).isEqualTo(136);
            assertThat(r.port(1).nic().oerrors()).as("the ring queue's own count of refusals").isEqualTo(136);
            assertThat(r.totals().balanced()).isTrue();
            assertThat(rig.collect(1, 64)).hasSize(64);
        }
    }

    @Test
    void aFrameTooShortForAnEthernetHeaderIsDroppedAndCounted() {
        try (RingRig rig = new RingRig(2, 0x3, UnaryOperator.identity())) {
            rig.l2fwd.start();
            rig.inject(0, new byte[10]);
            rig.inject(0, Frames.frame(HOST_B, HOST_A, 64));
            assertThat(rig.collect(1, 1)).hasSize(1);

            L2fwdReport r = rig.l2fwd.stop();
            assertThat(r.port(0).rx()).isEqualTo(2);
            assertThat(r.port(1).tx()).isEqualTo(1);
            assertThat(r.port(1).dropped()).isEqualTo(1);
            assertThat(r.totals().balanced()).isTrue();
        }
    }

    @Test
    void theReportCarriesL2fwdsCountsAndThePortsCounters() {
        try (RingRig rig = new RingRig(2, 0x3, UnaryOperator.identity())) {
            rig.l2fwd.start();
            for (int i = 0; i < 5; i++) {
                rig.inject(0, Frames.frame(HOST_B, HOST_A, 64));
            }
            rig.collect(1, 5);

            Map<String, Object> json = rig.l2fwd.stop().toJson();

            assertThat(json).containsEntry("command", "l2fwd").containsKeys("duration_s", "fwd_mpps", "lcores");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> ports = (List<Map<String, Object>>) json.get("ports");
            assertThat(ports.get(0)).containsEntry("id", 0).containsEntry("name", "net_ring0").containsEntry("rx", 5L)
                    .containsEntry("tx", 0L).containsEntry("ipackets", 5L).containsKeys("imissed", "rx_nombuf", "dropped");
            assertThat(ports.get(1)).containsEntry("tx", 5L).containsEntry("opackets", 5L).containsEntry("dropped", 0L);
            assertThat(json.get("totals")).isEqualTo(Map.of("rx", 5L, "tx", 5L, "dropped", 0L, "balanced", true));
        }
    }

    @Test
    void statisticsArePrintedInDpdkL2fwdsLayout() {
        try (RingRig rig = new RingRig(2, 0x3, UnaryOperator.identity())) {
            rig.l2fwd.start();
            rig.inject(0, Frames.frame(HOST_B, HOST_A, 64));
            rig.collect(1, 1);
            rig.l2fwd.printStats();

            assertThat(rig.output()).contains(
                    "Port statistics ====================================",
                    "Statistics for port 0 ------------------------------",
                    "Packets sent:                        0",
                    "Packets received:                    1",
                    "Packets dropped:                     0",
                    "Statistics for port 1 ------------------------------",
                    "Aggregate statistics ===============================",
                    "Total packets sent:                  1",
                    "Total packets received:              1",
                    "Total packets dropped:               0",
                    "====================================================");
        }
    }
}
