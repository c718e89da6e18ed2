package io.wirespeed.classify.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compiled engine against a naive reading of the rules, on random rules and packets. */
class FlowMatcherReferenceTest {
    private static final long SEED = 0x5eed_f10dL;
    private static final FlowItemType[][] STACKS = {
        {FlowItemType.ETH},
        {FlowItemType.ETH, FlowItemType.IPV4},
        {FlowItemType.ETH, FlowItemType.VLAN, FlowItemType.IPV4, FlowItemType.UDP},
        {FlowItemType.ETH, FlowItemType.IPV4, FlowItemType.TCP},
        {FlowItemType.IPV4, FlowItemType.UDP},
        {FlowItemType.ETH, FlowItemType.IPV6, FlowItemType.UDP},
        {FlowItemType.IPV6},
        {FlowItemType.ETH, FlowItemType.VLAN},
        {FlowItemType.UDP},
    };

    record Outcome(boolean matched, FlowMatcher.Fate fate, int argument, boolean marked, int mark) {
    }

    @Test
    void engineAgreesWithNaiveMatchingOnRandomRulesAndPackets() {
        Random rnd = new Random(SEED);
        int lookups = 0;
        for (int round = 0; round < 200; round++) {
            FlowEngine engine = new FlowEngine(8, 64, 1);
            FlowMatcher matcher = engine.newMatcher();
            List<FlowRuleDefinition> defs = new ArrayList<>();
            int n = 1 + rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                FlowRuleDefinition d = randomRule(rnd);
                engine.create(d);
                defs.add(d);
            }
            for (int p = 0; p < 600; p++) {
                FlowKey key = randomKey(rnd);
                Outcome expected = naive(defs, key);
                boolean matched = matcher.match(key, 64);
                Outcome actual = new Outcome(matched, matcher.fate(), argument(matcher), matcher.hasMark(),
                        matcher.hasMark() ? matcher.mark() : 0);
                assertThat(actual).as("seed %x round %d packet %d", SEED, round, p).isEqualTo(expected);
                lookups++;
            }
        }
        assertThat(lookups).isGreaterThanOrEqualTo(100_000);
    }

    private static int argument(FlowMatcher m) {
        return switch (m.fate()) {
            case QUEUE -> m.queue();
            case PORT -> m.port();
            case RSS -> m.rss().queues()[0];
            default -> 0;
        };
    }

    /** Rules in group order, by priority then creation; first fate wins; jumps at most groups-1 times. */
    private static Outcome naive(List<FlowRuleDefinition> defs, FlowKey key) {
        long groups = defs.stream().mapToInt(d -> d.attributes().group()).distinct().count();
        int jumps = 0;
        int group = 0;
        boolean matched = false;
        boolean marked = false;
        int mark = 0;
        outer:
        while (true) {
            final int g = group;
            List<FlowRuleDefinition> inGroup = new ArrayList<>();
            for (FlowRuleDefinition d : defs) {
                if (d.attributes().group() == g) {
                    inGroup.add(d);
                }
            }
            // stable sort keeps creation order among equal priorities
            inGroup.sort(Comparator.comparingInt(d -> d.attributes().priority()));
            for (FlowRuleDefinition d : inGroup) {
                if (!naiveMatches(d, key)) {
                    continue;
                }
                matched = true;
                FlowAction fate = null;
                for (FlowAction a : d.actions()) {
                    if (a instanceof FlowAction.Mark m) {
                        marked = true;
                        mark = m.id();
                    }
                    if (a.isFate()) {
                        fate = a;
                    }
                }
                switch (fate) {
                    case null -> { }
                    case FlowAction.Jump j -> {
                        if (++jumps > groups - 1) {
                            break outer;
                        }
                        group = j.group();
                        continue outer;
                    }
                    case FlowAction.Queue q -> { return new Outcome(true, FlowMatcher.Fate.QUEUE, q.index(), marked, mark); }
                    case FlowAction.Drop x -> { return new Outcome(true, FlowMatcher.Fate.DROP, 0, marked, mark); }
                    case FlowAction.Port p -> { return new Outcome(true, FlowMatcher.Fate.PORT, p.portId(), marked, mark); }
                    case FlowAction.Rss r -> { return new Outcome(true, FlowMatcher.Fate.RSS, r.queues()[0], marked, mark); }
                    default -> throw new AssertionError(fate);
                }
            }
            break;
        }
        return new Outcome(matched, FlowMatcher.Fate.PASS, 0, marked, mark);
    }

    private static boolean naiveMatches(FlowRuleDefinition d, FlowKey key) {
        boolean vlanItem = false;
        for (FlowItem item : d.pattern()) {
            if (!key.has(item.type())) {
                return false;
            }
            vlanItem |= item.type() == FlowItemType.VLAN;
            for (FieldMatch f : item.fields()) {
                if (!f.test(key.get(f.field()))) {
                    return false;
                }
            }
        }
        boolean stackGiven = d.pattern().size() > 1 && d.pattern().getFirst().type() == FlowItemType.ETH;
        return !stackGiven || key.has(FlowItemType.VLAN) == vlanItem;
    }

    private static FlowRuleDefinition randomRule(Random rnd) {
        FlowItemType[] stack = STACKS[rnd.nextInt(STACKS.length)];
        List<FlowItem> pattern = new ArrayList<>();
        for (FlowItemType t : stack) {
            List<FieldMatch> fields = new ArrayList<>();
            for (FlowField f : FlowField.values()) {
                if (f.item() == t && rnd.nextInt(4) == 0) {
                    long v = small(rnd, f);
                    fields.add(switch (rnd.nextInt(f.bits() == 64 ? 2 : 3)) {
                        case 0 -> FieldMatch.exact(f, v);
                        case 1 -> FieldMatch.masked(f, v, f.fullMask() & ~1L);
                        default -> FieldMatch.range(f, v, v + rnd.nextInt(3), f.fullMask());
                    });
                }
            }
            pattern.add(new FlowItem(t, fields));
        }
        int group = rnd.nextInt(3);
        List<FlowAction> actions = new ArrayList<>();
        if (rnd.nextInt(4) == 0) {
            actions.add(new FlowAction.Mark(rnd.nextInt(100)));
        }
        switch (rnd.nextInt(6)) {
            case 0 -> actions.add(new FlowAction.Queue(rnd.nextInt(8)));
            case 1 -> actions.add(new FlowAction.Drop());
            case 2 -> actions.add(new FlowAction.Port(rnd.nextInt(8)));
            case 3 -> actions.add(new FlowAction.Jump((group + 1 + rnd.nextInt(2)) % 3));
            case 4 -> actions.add(new FlowAction.Rss(new int[] {rnd.nextInt(8), 0}, List.of()));
            default -> actions.add(new FlowAction.Count());
        }
        return new FlowRuleDefinition(new FlowAttributes(group, rnd.nextInt(4), true, false), pattern, actions);
    }

    private static FlowKey randomKey(Random rnd) {
        FlowKey k = new FlowKey();
        FlowItemType[] stack = STACKS[rnd.nextInt(STACKS.length)];
        for (FlowItemType t : stack) {
            k.addLayer(t);
        }
        if (rnd.nextInt(5) == 0) {
            k.addLayer(FlowItemType.VLAN);
        }
        for (FlowField f : FlowField.values()) {
            k.set(f, small(rnd, f));
        }
        return k;
    }

    /** Values from a tiny domain, so that rules and packets meet often. */
    private static long small(Random rnd, FlowField f) {
        return rnd.nextInt(4) & f.fullMask();
    }
}
