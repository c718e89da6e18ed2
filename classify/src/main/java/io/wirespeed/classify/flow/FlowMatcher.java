package io.wirespeed.classify.flow;

import io.wirespeed.classify.rss.RssHashTypes;

/**
 * One lcore's view of a {@link FlowEngine}: matches a packet's {@link FlowKey} against the rules
 * in force and tells what to do with it. Not thread-safe: one per lcore. Allocates nothing.
 *
 * <pre>{@code
 * if (matcher.match(key, m.packetLength())) {
 *     switch (matcher.fate()) { case DROP -> ...; case QUEUE -> matcher.queue(); ... }
 * }
 * if (matcher.hasMark()) m.flowMark(matcher.mark());
 * }</pre>
 */
public final class FlowMatcher {
    /** What the rules decided for the last packet matched. */
    public enum Fate {
        /** No rule decided: the port's default handling (its RSS, or queue 0). */
        PASS,
        QUEUE,
        DROP,
        RSS,
        PORT
    }

    private static final Fate[] FATES = {Fate.PASS, Fate.QUEUE, Fate.DROP, Fate.RSS, Fate.PORT};

    private final FlowEngine engine;
    private final int stripe;
    private Fate fate = Fate.PASS;
    private int queue;
    private int port;
    private FlowAction.Rss rss;
    private RssHashTypes rssTypes;
    private boolean marked;
    private int mark;

    FlowMatcher(FlowEngine engine, int stripe) {
        this.engine = engine;
        this.stripe = stripe;
    }

    /**
     * Runs the rules over one packet. Returns true when any rule matched (then {@link #fate()},
     * {@link #hasMark()} and the fate's argument describe the outcome); false leaves the fate
     * {@link Fate#PASS} and no mark.
     */
    public boolean match(FlowKey key, int bytes) {
        fate = Fate.PASS;
        marked = false;
        rss = null;
        rssTypes = null;
        FlowRuleSet set = engine.ruleSet();
        boolean matched = false;
        int group = set.indexOf(0);
        // A chain without a loop needs at most (groups - 1) jumps; a further jump ends it as PASS.
        int jumpsLeft = set.groups.length - 1;
        while (group >= 0) {
            FlowRule[] rules = set.rules[group];
            int next = -1;
            for (FlowRule r : rules) {
                if (!r.matches(key)) {
                    continue;
                }
                matched = true;
                if (r.counts) {
                    r.count(stripe, bytes);
                }
                if (r.marks) {
                    marked = true;
                    mark = r.mark;
                }
                if (r.fate == FlowRule.FATE_PASS) {
                    continue;
                }
                if (r.fate == FlowRule.FATE_JUMP) {
                    next = jumpsLeft-- > 0 ? set.indexOf(r.fateArgument) : -1;
                    break;
                }
                fate = FATES[r.fate];
                queue = r.fateArgument;
                port = r.fateArgument;
                rss = r.rss;
                rssTypes = r.rssTypes;
                return true;
            }
            group = next;
        }
        return matched;
    }

    public Fate fate() {
        return fate;
    }

    /** The queue of a QUEUE fate. */
    public int queue() {
        return queue;
    }

    /** The port of a PORT fate. */
    public int port() {
        return port;
    }

    /** The action of an RSS fate (its queues and hash types). */
    public FlowAction.Rss rss() {
        return rss;
    }

    /** The hash types of an RSS fate, or null when the action takes the port's own. */
    public RssHashTypes rssTypes() {
        return rssTypes;
    }

    public boolean hasMark() {
        return marked;
    }

    public int mark() {
        return mark;
    }
}
