package io.wirespeed.classify.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.FrameBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** testpmd-syntax rules matched against keys extracted from real frames. */
class FlowRulesOnFramesTest {
    private static final int TEN_0_0_1 = 0x0a00_0001;

    private final Mempool pool = Mempool.builder("frf" + System.nanoTime(), 16).cacheSize(0).hugePages(false).build();
    private final FlowEngine engine = new FlowEngine(4, 16, 1);
    private final FlowMatcher matcher = engine.newMatcher();
    private final FlowKeyExtractor extractor = new FlowKeyExtractor();
    private final FlowKey key = new FlowKey();

    @AfterEach
    void closePool() {
        pool.close();
    }

    private void create(String rule) {
        engine.create(((FlowCommand.Create) FlowCommandParser.parse("flow create 0 " + rule)).rule());
    }

    private boolean match(FrameBuilder frame) {
        Mbuf m = pool.alloc();
        try {
            frame.writeTo(m);
            extractor.extract(m, key);
            return matcher.match(key, m.packetLength());
        } finally {
            m.free();
        }
    }

    @Test
    void theIssuesDnsRuleSteersOnlyDnsToItsHost() {
        create("ingress pattern eth / ipv4 dst is 10.0.0.1 / udp dst is 53 / end actions queue index 1 / end");
        assertThat(match(new FrameBuilder().ethernet(1, 2).ipv4(7, TEN_0_0_1).udp(4000, 53).payload(20))).isTrue();
        assertThat(matcher.fate()).isEqualTo(FlowMatcher.Fate.QUEUE);
        assertThat(matcher.queue()).isEqualTo(1);
        assertThat(match(new FrameBuilder().ethernet(1, 2).ipv4(7, TEN_0_0_1).udp(4000, 54).payload(20))).isFalse();
        assertThat(match(new FrameBuilder().ethernet(1, 2).ipv4(7, TEN_0_0_1 + 1).udp(4000, 53).payload(20))).isFalse();
        assertThat(match(new FrameBuilder().ethernet(1, 2).ipv4(7, TEN_0_0_1).tcp(4000, 53))).isFalse();
    }

    @Test
    void aVlanRuleDropsTaggedFramesOfItsVlanOnly() {
        create("ingress pattern eth / vlan vid is 100 / end actions drop / end");
        assertThat(match(new FrameBuilder().ethernet(1, 2).vlan(100).ipv4(1, 2).udp(1, 2))).isTrue();
        assertThat(matcher.fate()).isEqualTo(FlowMatcher.Fate.DROP);
        assertThat(match(new FrameBuilder().ethernet(1, 2).vlan(101).ipv4(1, 2).udp(1, 2))).isFalse();
        assertThat(match(new FrameBuilder().ethernet(1, 2).ipv4(1, 2).udp(1, 2))).isFalse();
    }

    @Test
    void anIpv6RuleMatchesOnTheWholeAddress() {
        create("ingress pattern eth / ipv6 dst is 2001:db8::1 / end actions mark id 7 / queue index 2 / end");
        assertThat(match(new FrameBuilder().ethernet(1, 2).ipv6(1, 2, 0x2001_0db8_0000_0000L, 1).udp(1, 2))).isTrue();
        assertThat(matcher.hasMark()).isTrue();
        assertThat(matcher.mark()).isEqualTo(7);
        assertThat(match(new FrameBuilder().ethernet(1, 2).ipv6(1, 2, 0x2001_0db8_0000_0000L, 2).udp(1, 2))).isFalse();
    }

    @Test
    void aTruncatedFrameMatchesNoRuleOnTheLayersItLacks() {
        create("ingress pattern eth / ipv4 / udp / end actions drop / end");
        Mbuf m = pool.alloc();
        try {
            new FrameBuilder().ethernet(1, 2).ipv4(1, 2).udp(1, 2).writeTo(m);
            m.dataLength(30);
            m.packetLength(30);
            assertThat(extractor.extract(m, key)).isFalse();
            assertThat(matcher.match(key, 30)).isFalse();
        } finally {
            m.free();
        }
    }
}
