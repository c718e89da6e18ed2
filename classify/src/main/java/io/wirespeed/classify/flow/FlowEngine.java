package io.wirespeed.classify.flow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A port's software flow rules (rte_flow): validate, create, destroy, flush, query and list, from
 * one control thread; matching from any number of lcores through their own {@link FlowMatcher}.
 *
 * <p>Rules are tried group by group starting at group 0; within a group by priority (0 first),
 * then in the order they were created; the first rule with a fate decides, JUMP moves on to
 * another group (a packet makes at most one jump fewer than there are groups with rules, so a loop
 * ends as PASS), and a rule without a fate (only MARK/COUNT) lets matching continue. Matching is a
 * linear scan of the group's rules: meant for the tens to hundreds of rules a NIC's flow director
 * holds, not for ACL-sized rule sets (see the ACL classifier for those).
 *
 * <p>Every change builds a new {@link FlowRuleSet} and publishes it with a release store; matchers
 * read it with an acquire load once per packet, so a rule is either wholly in force or not.
 */
public final class FlowEngine {
    private static final VarHandle CURRENT;

    static {
        try {
            CURRENT = MethodHandles.lookup().findVarHandle(FlowEngine.class, "current", FlowRuleSet.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int maxRules;
    private final int maxMatchers;
    private final int queueCount;
    private final Map<Integer, FlowRule> rules = new LinkedHashMap<>();
    private final List<FlowMatcher> matchers = new ArrayList<>();
    @SuppressWarnings("unused") // through CURRENT
    private FlowRuleSet current = FlowRuleSet.EMPTY;
    private int nextId;
    private long sequence;

    /**
     * @param queueCount  the port's receive queues, which QUEUE and RSS actions must name (0: unchecked)
     * @param maxRules    how many rules the port holds at most
     * @param maxMatchers how many lcores may match at once (each takes a matcher)
     */
    public FlowEngine(int queueCount, int maxRules, int maxMatchers) {
        if (queueCount < 0 || maxRules < 1 || maxMatchers < 1) {
            throw new IllegalArgumentException("flow engine needs queueCount >= 0, maxRules >= 1, maxMatchers >= 1");
        }
        this.queueCount = queueCount;
        this.maxRules = maxRules;
        this.maxMatchers = maxMatchers;
    }

    /** A matcher for one lcore; at most {@code maxMatchers} of them. */
    public synchronized FlowMatcher newMatcher() {
        if (matchers.size() == maxMatchers) {
            throw new IllegalStateException("flow engine: all " + maxMatchers + " matchers are taken");
        }
        FlowMatcher m = new FlowMatcher(this, matchers.size());
        matchers.add(m);
        return m;
    }

    /** Checks a rule without creating it; throws {@link FlowRuleException} saying what is wrong. */
    public void validate(FlowRuleDefinition rule) {
        FlowValidator.validate(rule, queueCount);
    }

    /** Validates and creates a rule; returns its id (testpmd's "Flow rule #N created"). */
    public synchronized int create(FlowRuleDefinition rule) {
        validate(rule);
        if (rules.size() == maxRules) {
            throw new FlowRuleException(FlowRuleException.Part.RULE, "no room for another rule (" + maxRules + " rules at most)");
        }
        int id = nextId++;
        rules.put(id, new FlowRule(id, sequence++, rule, maxMatchers));
        publish();
        return id;
    }

    /** Destroys a rule; false when no rule has that id. */
    public synchronized boolean destroy(int id) {
        if (rules.remove(id) == null) {
            return false;
        }
        publish();
        return true;
    }

    /** Destroys every rule. */
    public synchronized void flush() {
        rules.clear();
        publish();
    }

    /** The counters of a rule that has a COUNT action. */
    public synchronized FlowCounters query(int id) {
        FlowRule r = rules.get(id);
        if (r == null) {
            throw new FlowRuleException(FlowRuleException.Part.RULE, "no flow rule #" + id);
        }
        if (!r.counts) {
            throw new FlowRuleException(FlowRuleException.Part.ACTION, "flow rule #" + id + " has no COUNT action to query");
        }
        return new FlowCounters(r.hits(), r.bytes());
    }

    /** The rules by id, in creation order. */
    public synchronized Map<Integer, FlowRuleDefinition> list() {
        Map<Integer, FlowRuleDefinition> out = new LinkedHashMap<>();
        rules.forEach((id, r) -> out.put(id, r.definition));
        return out;
    }

    public synchronized int size() {
        return rules.size();
    }

    /** Whether any rule is in force; what an lcore may ask once per burst (one acquire load). */
    public boolean hasRules() {
        return ruleSet().groups.length > 0;
    }

    public int queueCount() {
        return queueCount;
    }

    FlowRuleSet ruleSet() {
        return (FlowRuleSet) CURRENT.getAcquire(this);
    }

    private void publish() {
        TreeMap<Integer, List<FlowRule>> byGroup = new TreeMap<>();
        for (FlowRule r : rules.values()) {
            byGroup.computeIfAbsent(r.group, g -> new ArrayList<>()).add(r);
        }
        int[] groups = new int[byGroup.size()];
        FlowRule[][] ordered = new FlowRule[byGroup.size()][];
        int i = 0;
        for (Map.Entry<Integer, List<FlowRule>> e : byGroup.entrySet()) {
            groups[i] = e.getKey();
            ordered[i] = e.getValue().stream()
                    .sorted(Comparator.comparingInt((FlowRule r) -> r.priority).thenComparingLong(r -> r.sequence))
                    .toArray(FlowRule[]::new);
            i++;
        }
        // Release: the rules' arrays are fully built before a matcher can see the new set.
        CURRENT.setRelease(this, new FlowRuleSet(groups, ordered));
    }
}
