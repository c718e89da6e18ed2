package io.wirespeed.classify.flow;

import static io.wirespeed.classify.flow.FlowRuleException.Part.ACTION;
import static io.wirespeed.classify.flow.FlowRuleException.Part.ATTRIBUTES;
import static io.wirespeed.classify.flow.FlowRuleException.Part.ITEM;

import io.wirespeed.classify.rss.RssHashTypes;
import java.util.EnumSet;
import java.util.List;

/** The checks rte_flow_validate makes in the software engine. */
final class FlowValidator {
    private FlowValidator() {
    }

    static void validate(FlowRuleDefinition rule, int queueCount) {
        FlowAttributes attr = rule.attributes();
        if (attr.ingress() == attr.egress()) {
            throw new FlowRuleException(ATTRIBUTES, "a rule applies to ingress or to egress (exactly one)");
        }
        validatePattern(rule.pattern());
        validateActions(rule.actions(), attr, queueCount);
    }

    private static void validatePattern(List<FlowItem> pattern) {
        EnumSet<FlowItemType> seen = EnumSet.noneOf(FlowItemType.class);
        int lastLevel = -1;
        for (FlowItem item : pattern) {
            FlowItemType t = item.type();
            if (!seen.add(t)) {
                throw new FlowRuleException(ITEM, "item " + t.keyword() + " given twice (QinQ and tunnels are not matched)");
            }
            int level = level(t);
            if (level <= lastLevel) {
                // Also refuses two items of one level: ipv4 with ipv6, udp with tcp.
                throw new FlowRuleException(ITEM, "item " + t.keyword() + " is out of order (eth / vlan / ipv4|ipv6 / udp|tcp|icmp|icmp6)");
            }
            lastLevel = level;
            for (FieldMatch f : item.fields()) {
                boolean address = f.field().bits() == 64;
                if (f.ranged() && address) {
                    throw new FlowRuleException(ITEM, "ipv6 " + f.field().keyword() + ": ranges (last) are not supported on IPv6 addresses");
                }
            }
        }
        if (seen.contains(FlowItemType.ICMP) && seen.contains(FlowItemType.IPV6)) {
            throw new FlowRuleException(ITEM, "icmp under ipv6: use icmp6");
        }
        if (seen.contains(FlowItemType.ICMP6) && seen.contains(FlowItemType.IPV4)) {
            throw new FlowRuleException(ITEM, "icmp6 under ipv4: use icmp");
        }
    }

    /** eth 0, vlan 1, l3 2, l4 3. */
    private static int level(FlowItemType t) {
        return switch (t) {
            case ETH -> 0;
            case VLAN -> 1;
            case IPV4, IPV6 -> 2;
            case UDP, TCP, ICMP, ICMP6 -> 3;
        };
    }

    private static void validateActions(List<FlowAction> actions, FlowAttributes attr, int queueCount) {
        if (actions.isEmpty()) {
            throw new FlowRuleException(ACTION, "a rule needs at least one action");
        }
        int fates = 0;
        int marks = 0;
        int counts = 0;
        for (FlowAction a : actions) {
            if (a.isFate()) {
                fates++;
            }
            switch (a) {
                case FlowAction.Queue q -> {
                    requireIngress(attr, "queue");
                    checkQueue(q.index(), queueCount);
                }
                case FlowAction.Rss r -> {
                    requireIngress(attr, "rss");
                    for (int q : r.queues()) {
                        checkQueue(q, queueCount);
                    }
                    try {
                        RssHashTypes.parse(r.types());
                    } catch (IllegalArgumentException e) {
                        throw new FlowRuleException(ACTION, e.getMessage());
                    }
                }
                case FlowAction.Jump j -> {
                    if (j.group() == attr.group()) {
                        throw new FlowRuleException(ACTION, "jump to group " + j.group() + ", the rule's own group");
                    }
                }
                case FlowAction.Mark m -> marks++;
                case FlowAction.Count c -> counts++;
                case FlowAction.Drop d -> { }
                case FlowAction.Port p -> { }
            }
        }
        if (fates > 1) {
            throw new FlowRuleException(ACTION, "more than one fate action (queue, drop, rss, port_id, jump)");
        }
        if (marks > 1 || counts > 1) {
            throw new FlowRuleException(ACTION, "mark and count may each appear once");
        }
    }

    private static void requireIngress(FlowAttributes attr, String action) {
        if (!attr.ingress()) {
            throw new FlowRuleException(ACTION, action + " is an ingress action");
        }
    }

    private static void checkQueue(int q, int queueCount) {
        if (queueCount > 0 && q >= queueCount) {
            throw new FlowRuleException(ACTION, "queue " + q + " does not exist (the port has " + queueCount + " receive queues)");
        }
    }
}
