package io.wirespeed.classify.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlowCommandParserTest {
    private static FlowRuleDefinition created(String line) {
        FlowCommand c = FlowCommandParser.parse(line);
        assertThat(c).isInstanceOf(FlowCommand.Create.class);
        return ((FlowCommand.Create) c).rule();
    }

    @Test
    void parsesTheIssuesExample() {
        FlowRuleDefinition rule = created("flow create 0 ingress pattern eth / ipv4 dst is 10.0.0.1 / udp dst is 53 / end "
                + "actions queue index 1 / end");
        assertThat(rule.attributes()).isEqualTo(FlowAttributes.INGRESS);
        assertThat(rule.pattern()).containsExactly(
                FlowItem.any(FlowItemType.ETH),
                FlowItem.of(FlowItemType.IPV4, FieldMatch.exact(FlowField.IPV4_DST, 0x0a000001L)),
                FlowItem.of(FlowItemType.UDP, FieldMatch.exact(FlowField.UDP_DST, 53)));
        assertThat(rule.actions()).containsExactly(new FlowAction.Queue(1));
    }

    @Test
    void attributesGroupAndPriority() {
        FlowRuleDefinition rule = created("flow create 3 group 2 priority 5 ingress pattern eth / end actions drop / end");
        assertThat(rule.attributes()).isEqualTo(new FlowAttributes(2, 5, true, false));
    }

    @Test
    void vlanSubfieldsMergeIntoTheTci() {
        FlowRuleDefinition rule = created("flow create 0 ingress pattern eth / vlan vid is 100 pcp is 3 / end actions drop / end");
        FieldMatch tci = rule.pattern().get(1).fields().getFirst();
        assertThat(tci.field()).isEqualTo(FlowField.VLAN_TCI);
        assertThat(tci.spec()).isEqualTo(3 << 13 | 100);
        assertThat(tci.mask()).isEqualTo(0xefff);
    }

    @Test
    void prefixMasksTheAddress() {
        FlowRuleDefinition rule = created("flow create 0 ingress pattern ipv4 src spec 192.168.0.0 src prefix 16 / end actions drop / end");
        assertThat(rule.pattern().getFirst().fields()).containsExactly(
                FieldMatch.masked(FlowField.IPV4_SRC, 0xc0a80000L, 0xffff0000L));
    }

    @Test
    void ipv6AddressesSplitIntoTwoHalves() {
        FlowRuleDefinition rule = created("flow create 0 ingress pattern ipv6 dst spec 2001:db8::1 dst prefix 96 / end actions drop / end");
        assertThat(rule.pattern().getFirst().fields()).containsExactlyInAnyOrder(
                FieldMatch.masked(FlowField.IPV6_DST_HIGH, 0x20010db800000000L, -1L),
                FieldMatch.masked(FlowField.IPV6_DST_LOW, 1L, 0xffffffff00000000L));
    }

    @Test
    void lastMakesARange() {
        FlowRuleDefinition rule = created("flow create 0 ingress pattern tcp dst spec 1000 dst last 2000 / end actions drop / end");
        FieldMatch m = rule.pattern().getFirst().fields().getFirst();
        assertThat(m.ranged()).isTrue();
        assertThat(m.test(1500)).isTrue();
        assertThat(m.test(2001)).isFalse();
    }

    @Test
    void everyActionKind() {
        FlowRuleDefinition rule = created("flow create 0 ingress pattern eth / end actions mark id 7 / count / "
                + "rss queues 0 1 end types ipv4-udp end / end");
        assertThat(rule.actions()).hasSize(3);
        assertThat(rule.actions().get(0)).isEqualTo(new FlowAction.Mark(7));
        assertThat(rule.actions().get(1)).isEqualTo(new FlowAction.Count());
        FlowAction.Rss rss = (FlowAction.Rss) rule.actions().get(2);
        assertThat(rss.queues()).containsExactly(0, 1);
        assertThat(rss.types()).containsExactly("ipv4-udp");
        assertThat(created("flow create 0 ingress pattern eth / end actions port_id id 4 / end").actions())
                .containsExactly(new FlowAction.Port(4));
        assertThat(created("flow create 0 ingress pattern eth / end actions jump group 1 / end").actions())
                .containsExactly(new FlowAction.Jump(1));
    }

    @Test
    void managementCommands() {
        assertThat(FlowCommandParser.parse("flow destroy 0 rule 3 rule 5")).isEqualTo(new FlowCommand.Destroy(0, List.of(3, 5)));
        assertThat(FlowCommandParser.parse("flow flush 1")).isEqualTo(new FlowCommand.Flush(1));
        assertThat(FlowCommandParser.parse("flow query 0 2 count")).isEqualTo(new FlowCommand.Query(0, 2));
        assertThat(FlowCommandParser.parse("flow list 0")).isEqualTo(new FlowCommand.ListRules(0));
    }

    @Test
    void errorsNameTheTokenAtFault() {
        assertThatThrownBy(() -> FlowCommandParser.parse("flow create 0 ingress pattern eth / ipv4 dst is 10.0.0.300 / end actions drop / end"))
                .hasMessage("flow: '10.0.0.300' is not a valid dst");
        assertThatThrownBy(() -> FlowCommandParser.parse("flow create 0 ingress pattern eth / ipx / end actions drop / end"))
                .hasMessageContaining("unknown pattern item 'ipx'");
        assertThatThrownBy(() -> FlowCommandParser.parse("flow create 0 ingress pattern udp dst is 70000 / end actions drop / end"))
                .hasMessageContaining("dst 70000 out of range 0..65535");
        assertThatThrownBy(() -> FlowCommandParser.parse("flow create 0 ingress pattern eth / end actions queue index 1"))
                .hasMessageContaining("command ends where '/' was expected");
        assertThatThrownBy(() -> FlowCommandParser.parse("flow frobnicate 0"))
                .hasMessageContaining("unknown flow command 'frobnicate'");
    }
}
