package io.wirespeed.classify.flow;

import io.wirespeed.classify.rss.RssHashTypes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * A rule compiled for matching: the layers a packet must carry and flat arrays of field tests, so
 * that matching reads primitives only. Immutable except for its counters, which each matcher
 * (one per lcore) keeps in a stripe of its own, a cache line apart.
 */
final class FlowRule {
    static final int FATE_PASS = 0;
    static final int FATE_QUEUE = 1;
    static final int FATE_DROP = 2;
    static final int FATE_RSS = 3;
    static final int FATE_PORT = 4;
    static final int FATE_JUMP = 5;

    /** Longs between two matchers' counters: 64 bytes, so lcores never share a line. */
    static final int STRIPE = 8;
    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);

    final int id;
    final long sequence;
    final FlowRuleDefinition definition;
    final int group;
    final int priority;
    final int requiredLayers;
    /** When true, the packet carries a VLAN tag exactly when the pattern has a VLAN item. */
    final boolean vlanStrict;
    final boolean vlanInPattern;
    final int[] fields;
    final long[] specs;
    final long[] masks;
    final long[] lasts;
    final boolean[] ranged;
    final int fate;
    /** Queue, port or group, as the fate needs. */
    final int fateArgument;
    final FlowAction.Rss rss;
    /** The RSS action's hash types, or null when it takes the port's. */
    final RssHashTypes rssTypes;
    final boolean marks;
    final int mark;
    final boolean counts;
    /** hits at [i * STRIPE], bytes at [i * STRIPE + 1] for matcher i. */
    final long[] counters;

    FlowRule(int id, long sequence, FlowRuleDefinition definition, int matchers) {
        this.id = id;
        this.sequence = sequence;
        this.definition = definition;
        this.group = definition.attributes().group();
        this.priority = definition.attributes().priority();
        int layers = 0;
        boolean vlan = false;
        int n = 0;
        for (FlowItem item : definition.pattern()) {
            layers |= item.type().bit();
            vlan |= item.type() == FlowItemType.VLAN;
            n += item.fields().size();
        }
        List<FlowItem> pattern = definition.pattern();
        this.requiredLayers = layers;
        this.vlanInPattern = vlan;
        this.vlanStrict = !pattern.isEmpty() && pattern.getFirst().type() == FlowItemType.ETH && pattern.size() > 1;
        this.fields = new int[n];
        this.specs = new long[n];
        this.masks = new long[n];
        this.lasts = new long[n];
        this.ranged = new boolean[n];
        int i = 0;
        for (FlowItem item : pattern) {
            for (FieldMatch f : item.fields()) {
                fields[i] = f.field().ordinal();
                masks[i] = f.mask();
                specs[i] = f.spec() & f.mask();
                lasts[i] = f.last() & f.mask();
                ranged[i] = f.ranged();
                i++;
            }
        }
        int fateKind = FATE_PASS;
        int argument = 0;
        FlowAction.Rss rssAction = null;
        boolean hasMark = false;
        int markId = 0;
        boolean hasCount = false;
        for (FlowAction a : definition.actions()) {
            switch (a) {
                case FlowAction.Queue q -> { fateKind = FATE_QUEUE; argument = q.index(); }
                case FlowAction.Drop d -> fateKind = FATE_DROP;
                case FlowAction.Rss r -> { fateKind = FATE_RSS; rssAction = r; }
                case FlowAction.Port p -> { fateKind = FATE_PORT; argument = p.portId(); }
                case FlowAction.Jump j -> { fateKind = FATE_JUMP; argument = j.group(); }
                case FlowAction.Mark m -> { hasMark = true; markId = m.id(); }
                case FlowAction.Count c -> hasCount = true;
            }
        }
        this.fate = fateKind;
        this.fateArgument = argument;
        this.rss = rssAction;
        this.rssTypes = rssAction == null || rssAction.types().isEmpty() ? null : RssHashTypes.parse(rssAction.types());
        this.marks = hasMark;
        this.mark = markId;
        this.counts = hasCount;
        this.counters = hasCount ? new long[matchers * STRIPE] : null;
    }

    boolean matches(FlowKey key) {
        int layers = key.layers();
        if ((layers & requiredLayers) != requiredLayers) {
            return false;
        }
        if (vlanStrict && ((layers & FlowItemType.VLAN.bit()) != 0) != vlanInPattern) {
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            long v = key.get(fields[i]) & masks[i];
            if (ranged[i]) {
                if (Long.compareUnsigned(v, specs[i]) < 0 || Long.compareUnsigned(v, lasts[i]) > 0) {
                    return false;
                }
            } else if (v != specs[i]) {
                return false;
            }
        }
        return true;
    }

    /** Counts one packet for matcher {@code stripe}; only that matcher's lcore calls this. */
    void count(int stripe, int bytes) {
        int at = stripe * STRIPE;
        // Opaque: a plain add by the one writer, made visible to query() on another thread.
        COUNTER.setOpaque(counters, at, (long) COUNTER.getOpaque(counters, at) + 1);
        COUNTER.setOpaque(counters, at + 1, (long) COUNTER.getOpaque(counters, at + 1) + bytes);
    }

    long hits() {
        return sum(0);
    }

    long bytes() {
        return sum(1);
    }

    private long sum(int offset) {
        long total = 0;
        for (int at = offset; at < counters.length; at += STRIPE) {
            total += (long) COUNTER.getOpaque(counters, at);
        }
        return total;
    }
}
