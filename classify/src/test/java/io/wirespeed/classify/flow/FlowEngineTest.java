package io.wirespeed.classify.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlowEngineTest {
    private final FlowEngine engine = new FlowEngine(4, 16, 2);
    private final FlowMatcher matcher = engine.newMatcher();

    private int create(String rule) {
        return engine.create(((FlowCommand.Create) FlowCommandParser.parse("flow create 0 " + rule)).rule());
    }

    private static FlowKey udp(long dst, int dstPort) {
        FlowKey k = new FlowKey();
        k.addLayer(FlowItemType.ETH);
        k.addLayer(FlowItemType.IPV4);
        k.addLayer(FlowItemType.UDP);
        k.set(FlowField.ETH_TYPE, 0x0800).set(FlowField.IPV4_DST, dst).set(FlowField.IPV4_PROTO, 17).set(FlowField.UDP_DST, dstPort);
        return k;
    }

    @Test
    void queueRuleSteersMatchingPacketsOnly() {
        create("ingress pattern eth / ipv4 dst is 10.0.0.1 / udp dst is 53 / end actions queue index 1 / end");
        assertThat(matcher.match(udp(0x0a000001L, 53), 64)).isTrue();
        assertThat(matcher.fate()).isEqualTo(FlowMatcher.Fate.QUEUE);
        assertThat(matcher.queue()).isEqualTo(1);
        assertThat(matcher.match(udp(0x0a000001L, 54), 64)).isFalse();
        assertThat(matcher.fate()).isEqualTo(FlowMatcher.Fate.PASS);
    }

    @Test
    void lowerPriorityValueWinsThenCreationOrder() {
        create("priority 1 ingress pattern eth / end actions queue index 1 / end");
        create("priority 0 ingress pattern eth / end actions queue index 2 / end");
        create("priority 0 ingress pattern eth / end actions queue index 3 / end");
        matcher.match(udp(1, 1), 64);
        assertThat(matcher.queue()).isEqualTo(2);
    }

    @Test
    void markWithoutFateLetsLaterRulesDecide() {
        create("priority 0 ingress pattern eth / end actions mark id 9 / end");
        create("priority 1 ingress pattern eth / end actions drop / end");
        assertThat(matcher.match(udp(1, 1), 64)).isTrue();
        assertThat(matcher.hasMark()).isTrue();
        assertThat(matcher.mark()).isEqualTo(9);
        assertThat(matcher.fate()).isEqualTo(FlowMatcher.Fate.DROP);
    }

    @Test
    void jumpContinuesInTheTargetGroup() {
        create("group 0 ingress pattern eth / end actions jump group 3 / end");
        create("group 3 ingress pattern ipv4 / end actions port_id id 7 / end");
        matcher.match(udp(1, 1), 64);
        assertThat(matcher.fate()).isEqualTo(FlowMatcher.Fate.PORT);
        assertThat(matcher.port()).isEqualTo(7);
    }

    @Test
    void jumpLoopEndsAsPass() {
        create("group 0 ingress pattern eth / end actions jump group 1 / end");
        create("group 1 ingress pattern eth / end actions jump group 0 / end");
        assertThat(matcher.match(udp(1, 1), 64)).isTrue();
        assertThat(matcher.fate()).isEqualTo(FlowMatcher.Fate.PASS);
    }

    @Test
    void vlanTaggedPacketDoesNotMatchAnUntaggedStack() {
        create("ingress pattern eth / ipv4 / end actions drop / end");
        FlowKey tagged = udp(1, 1);
        tagged.addLayer(FlowItemType.VLAN);
        assertThat(matcher.match(tagged, 64)).isFalse();
        assertThat(matcher.match(udp(1, 1), 64)).isTrue();
    }

    @Test
    void countAndQuery() {
        int id = create("ingress pattern udp dst is 53 / end actions count / queue index 0 / end");
        FlowMatcher other = engine.newMatcher();
        matcher.match(udp(1, 53), 100);
        other.match(udp(2, 53), 60);
        matcher.match(udp(1, 80), 100);
        assertThat(engine.query(id)).isEqualTo(new FlowCounters(2, 160));
    }

    @Test
    void queryRefusesARuleWithoutCount() {
        int id = create("ingress pattern eth / end actions drop / end");
        assertThatThrownBy(() -> engine.query(id)).hasMessageContaining("has no COUNT action");
    }

    @Test
    void destroyAndFlushTakeRulesOutOfForce() {
        int a = create("ingress pattern eth / end actions drop / end");
        create("priority 1 ingress pattern eth / end actions queue index 1 / end");
        assertThat(engine.destroy(a)).isTrue();
        assertThat(engine.destroy(a)).isFalse();
        matcher.match(udp(1, 1), 64);
        assertThat(matcher.fate()).isEqualTo(FlowMatcher.Fate.QUEUE);
        engine.flush();
        assertThat(engine.size()).isZero();
        assertThat(matcher.match(udp(1, 1), 64)).isFalse();
    }

    @Test
    void listKeepsCreationOrderAndIds() {
        create("ingress pattern eth / end actions drop / end");
        int b = create("ingress pattern ipv4 / end actions drop / end");
        assertThat(engine.list().keySet()).containsExactly(0, b);
    }

    @Test
    void validationRefusesWhatTheEngineCannotDo() {
        assertThatThrownBy(() -> create("ingress pattern eth / end actions queue index 4 / end"))
                .isInstanceOf(FlowRuleException.class).hasMessageContaining("queue 4 does not exist");
        assertThatThrownBy(() -> create("ingress pattern eth / end actions drop / queue index 1 / end"))
                .hasMessageContaining("more than one fate");
        assertThatThrownBy(() -> create("group 2 ingress pattern eth / end actions jump group 2 / end"))
                .hasMessageContaining("own group");
        assertThatThrownBy(() -> create("ingress pattern udp / ipv4 / end actions drop / end"))
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> create("ingress pattern ipv4 / ipv6 / end actions drop / end"))
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> create("ingress pattern ipv6 / icmp / end actions drop / end"))
                .hasMessageContaining("use icmp6");
        assertThatThrownBy(() -> create("pattern eth / end actions drop / end"))
                .hasMessageContaining("ingress or to egress");
        assertThatThrownBy(() -> create("egress pattern eth / end actions queue index 0 / end"))
                .hasMessageContaining("ingress action");
        assertThatThrownBy(() -> create("ingress pattern eth / end actions rss types ipv9 end / end"))
                .hasMessageContaining("unknown RSS hash type 'ipv9'");
        assertThat(engine.size()).isZero();
    }

    @Test
    void refusesRulesBeyondCapacity() {
        for (int i = 0; i < 16; i++) {
            create("ingress pattern eth / end actions drop / end");
        }
        assertThatThrownBy(() -> create("ingress pattern eth / end actions drop / end"))
                .hasMessageContaining("16 rules at most");
    }

    @Test
    void matchersAreLimited() {
        engine.newMatcher();
        assertThatThrownBy(engine::newMatcher).isInstanceOf(IllegalStateException.class);
    }
}
