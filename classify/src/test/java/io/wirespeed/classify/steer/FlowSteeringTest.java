package io.wirespeed.classify.steer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.classify.flow.FlowCommand;
import io.wirespeed.classify.flow.FlowCommandParser;
import io.wirespeed.classify.rss.RssFunction;
import io.wirespeed.classify.rss.RssHashTypes;
import io.wirespeed.classify.rss.ToeplitzHash;
import io.wirespeed.ethdev.RxSteering;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.mbuf.OffloadFlags;
import io.wirespeed.net.FrameBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowSteeringTest {
    private static final int TEN_0_0_1 = 0x0a00_0001;
    private static final ToeplitzHash MICROSOFT = ToeplitzHash.microsoft();

    private final Mempool pool = Mempool.builder("fst" + System.nanoTime(), 16).cacheSize(0).hugePages(false).build();
    private final FlowSteering steering = new FlowSteering();
    private Mbuf last;

    @AfterEach
    void closePool() {
        if (last != null) {
            last.free();
        }
        pool.close();
    }

    private RxSteering.Steerer configure(int queues, int deviceQueues) {
        steering.configure(queues, deviceQueues);
        return steering.newSteerer(0);
    }

    private int create(String rule) {
        return steering.flows().create(((FlowCommand.Create) FlowCommandParser.parse("flow create 0 " + rule)).rule());
    }

    /** Steers one frame; the mbuf stays in {@link #last} for the test to inspect. */
    private int steer(RxSteering.Steerer steerer, FrameBuilder frame) {
        if (last != null) {
            last.free();
        }
        last = pool.alloc();
        frame.writeTo(last);
        return steerer.queueFor(last);
    }

    private static FrameBuilder udp(int src, int dst, int srcPort, int dstPort) {
        return new FrameBuilder().ethernet(1, 2).ipv4(src, dst).udp(srcPort, dstPort).payload(20);
    }

    @Test
    void passesThroughWithAsManyQueuesAsTheDeviceAndNothingConfigured() {
        configure(2, 2);
        assertThat(steering.isPassThrough()).isTrue();
    }

    @Test
    void doesNotPassThroughWithMoreQueuesThanTheDevice() {
        configure(4, 1);
        assertThat(steering.isPassThrough()).isFalse();
    }

    @Test
    void aRuleStopsPassThroughUntilItIsDestroyed() {
        configure(2, 2);
        int id = create("ingress pattern eth / end actions queue index 1 / end");
        assertThat(steering.isPassThrough()).isFalse();
        steering.flows().destroy(id);
        assertThat(steering.isPassThrough()).isTrue();
    }

    @Test
    void aRedirectionTableUpdateStopsPassThrough() {
        configure(2, 2);
        steering.retaUpdate(0, 1);
        assertThat(steering.isPassThrough()).isFalse();
    }

    @Test
    void theIssuesDnsRuleSendsDnsToItsQueue() {
        RxSteering.Steerer s = configure(4, 1);
        create("ingress pattern eth / ipv4 dst is 10.0.0.1 / udp dst is 53 / end actions queue index 1 / end");
        for (int srcPort = 1000; srcPort < 1100; srcPort++) {
            assertThat(steer(s, udp(7, TEN_0_0_1, srcPort, 53))).isEqualTo(1);
        }
    }

    @Test
    void packetsNoRuleDecidesFollowTheirToeplitzHashThroughTheTable() {
        RxSteering.Steerer s = configure(4, 1);
        for (int srcPort = 1000; srcPort < 1100; srcPort++) {
            int hash = MICROSOFT.ipv4(7, TEN_0_0_1, srcPort, 80);
            assertThat(steer(s, udp(7, TEN_0_0_1, srcPort, 80))).isEqualTo((hash & 127) % 4);
            assertThat(last.rssHash()).isEqualTo(hash);
            assertThat(last.offloadFlags() & OffloadFlags.RX_RSS_HASH).isNotZero();
        }
    }

    @Test
    void tcpOverIpv6IsHashedOverItsFourTuple() {
        RxSteering.Steerer s = configure(4, 1);
        steer(s, new FrameBuilder().ethernet(1, 2).ipv6(1, 2, 3, 4).tcp(5, 6));
        assertThat(last.rssHash()).isEqualTo(MICROSOFT.ipv6(1, 2, 3, 4, 5, 6));
    }

    @Test
    void packetsTheHashTypesDoNotCoverGoToEntryZeroUnhashed() {
        RxSteering.Steerer s = configure(4, 1);
        steering.retaUpdate(0, 2);
        assertThat(steer(s, new FrameBuilder().ethernet(1, 2).arp(1, 1, 7, 0, TEN_0_0_1))).isEqualTo(2);
        assertThat(last.offloadFlags() & OffloadFlags.RX_RSS_HASH).isZero();
    }

    @Test
    void theRssFunctionSetByHandDecidesTheFields() {
        RxSteering.Steerer s = configure(4, 1);
        steering.rss(new RssFunction(MICROSOFT, RssHashTypes.parse("ipv4")));
        steer(s, udp(7, TEN_0_0_1, 1234, 80));
        assertThat(last.rssHash()).isEqualTo(MICROSOFT.ipv4(7, TEN_0_0_1));
    }

    @Test
    void aRedirectionTableUpdateMovesTheFlowsOfThatEntry() {
        RxSteering.Steerer s = configure(4, 1);
        int hash = MICROSOFT.ipv4(7, TEN_0_0_1, 1234, 80);
        steering.retaUpdate(hash & 127, 3);
        assertThat(steer(s, udp(7, TEN_0_0_1, 1234, 80))).isEqualTo(3);
        assertThat(steering.retaEntry(hash & 127)).isEqualTo(3);
    }

    @Test
    void theRedirectionTableTakesOnlyQueuesThePortHas() {
        configure(4, 1);
        assertThatThrownBy(() -> steering.retaUpdate(0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range 0..3");
    }

    @Test
    void anRssRuleSpreadsOverItsQueuesByItsTypes() {
        RxSteering.Steerer s = configure(4, 1);
        create("ingress pattern eth / ipv4 / udp / end actions rss queues 2 3 end types ipv4 end / end");
        int hash = MICROSOFT.ipv4(7, TEN_0_0_1);
        assertThat(steer(s, udp(7, TEN_0_0_1, 1234, 80))).isEqualTo(2 + Integer.remainderUnsigned(hash, 2));
        assertThat(last.rssHash()).isEqualTo(hash);
    }

    @Test
    void aDropRuleGivesTheFirstDropReason() {
        RxSteering.Steerer s = configure(2, 1);
        create("ingress pattern eth / ipv4 / udp dst is 53 / end actions drop / end");
        int verdict = steer(s, udp(7, TEN_0_0_1, 1234, 53));
        assertThat(steering.dropReasons().get(-1 - verdict)).isEqualTo(FlowSteering.FLOW_DROP);
    }

    @Test
    void aPortRuleIsCountedAsUndeliverableHere() {
        RxSteering.Steerer s = configure(2, 1);
        create("ingress pattern eth / end actions port_id id 1 / end");
        int verdict = steer(s, udp(7, TEN_0_0_1, 1234, 53));
        assertThat(steering.dropReasons().get(-1 - verdict)).isEqualTo(FlowSteering.FLOW_PORT);
    }

    @Test
    void aMarkIsWrittenToTheMbuf() {
        RxSteering.Steerer s = configure(2, 1);
        create("ingress pattern eth / ipv4 / end actions mark id 42 / queue index 1 / end");
        assertThat(steer(s, udp(7, TEN_0_0_1, 1234, 53))).isEqualTo(1);
        assertThat(last.flowMark()).isEqualTo(42);
        assertThat(last.offloadFlags() & OffloadFlags.RX_FDIR_ID).isNotZero();
    }

    @Test
    void configuringAgainStartsWithoutRules() {
        configure(2, 1);
        create("ingress pattern eth / end actions queue index 1 / end");
        configure(2, 2);
        assertThat(steering.flows().size()).isZero();
        assertThat(steering.isPassThrough()).isTrue();
    }

    @Test
    void rulesMustNameQueuesThePortHas() {
        configure(2, 1);
        assertThatThrownBy(() -> create("ingress pattern eth / end actions queue index 2 / end"))
                .hasMessageContaining("queue");
    }
}
