package io.wirespeed.classify.steer;

import io.wirespeed.classify.flow.FlowEngine;
import io.wirespeed.classify.rss.RedirectionTable;
import io.wirespeed.classify.rss.RssFunction;
import io.wirespeed.classify.rss.RssHashTypes;
import io.wirespeed.classify.rss.ToeplitzHash;
import io.wirespeed.ethdev.RxSteering;
import java.util.List;

/**
 * A port's flow rules and RSS, applied in software to every received packet: what a NIC's flow
 * director and RSS stage do before its descriptors are written. A packet goes where the first
 * deciding rule sends it (QUEUE, RSS, DROP); a packet no rule decides is hashed with the port's
 * {@link RssFunction} (Toeplitz with Microsoft's key over ip, tcp and udp unless configured) and
 * sent to the queue its {@link RedirectionTable} entry names. A MARK is written to the mbuf.
 *
 * <p>Configuring the port (its queue count) starts a new rule set and a round-robin table: rules
 * name queues, so they do not outlive the queue layout they were checked against. The RSS function
 * is kept.
 *
 * <p>Threads: the control methods are for one control thread and are synchronized; lcores read the
 * rules through the engine's acquire-published rule set, the table entries opaque, and the RSS
 * function and the customised flag through volatile fields, so a change takes effect within a burst
 * or two and a packet never sees half of one.
 */
public final class FlowSteering implements RxSteering {
    /** Rules a port holds unless told otherwise: a NIC flow director's order of magnitude. */
    public static final int DEFAULT_MAX_RULES = 1024;
    /** Entries of the redirection table, as many NICs (ixgbe, mlx5 by default) report. */
    public static final int RETA_SIZE = 128;
    /** Drop reason of a DROP rule. */
    public static final String FLOW_DROP = "flow_drop";
    /** Drop reason of a PORT rule: a receive stage cannot hand a packet to another port. */
    public static final String FLOW_PORT = "flow_port";

    static final int DROP_BY_RULE = -1;
    static final int DROP_FOR_PORT = -2;

    private final int maxRules;
    private volatile RssFunction rss = new RssFunction(ToeplitzHash.microsoft(), RssHashTypes.DEFAULT);
    /** True once RSS or the table was set by hand: packets must then be hashed even 1:1. */
    private volatile boolean customised;
    private int queues;
    private int deviceQueues;
    private FlowEngine engine;
    private RedirectionTable reta;

    public FlowSteering() {
        this(DEFAULT_MAX_RULES);
    }

    public FlowSteering(int maxRules) {
        if (maxRules < 1) {
            throw new IllegalArgumentException("flow steering needs room for at least one rule");
        }
        this.maxRules = maxRules;
    }

    @Override
    public synchronized void configure(int queues, int deviceQueues) {
        if (queues < 1 || deviceQueues < 1 || deviceQueues > queues) {
            throw new IllegalArgumentException("flow steering needs 1 <= device queues (" + deviceQueues
                    + ") <= queues (" + queues + ")");
        }
        this.queues = queues;
        this.deviceQueues = deviceQueues;
        this.engine = new FlowEngine(queues, maxRules, deviceQueues);
        this.reta = new RedirectionTable(RETA_SIZE, queues);
        this.customised = false;
    }

    @Override
    public boolean isPassThrough() {
        // The engine and queue counts are set before the lcores start (see configure).
        return queues == deviceQueues && !customised && !engine.hasRules();
    }

    @Override
    public synchronized Steerer newSteerer(int deviceQueue) {
        requireConfigured();
        return new FlowSteerer(engine.newMatcher(), this, reta);
    }

    @Override
    public List<String> dropReasons() {
        return List.of(FLOW_DROP, FLOW_PORT);
    }

    /** The port's flow rules: validate, create, destroy, flush, query, list. */
    public synchronized FlowEngine flows() {
        requireConfigured();
        return engine;
    }

    /** The hash and hash types applied to packets no rule decides. */
    public RssFunction rss() {
        return rss;
    }

    /** Hashes with {@code function} from now on (testpmd's {@code port config all rss} and rss-hash-key). */
    public synchronized void rss(RssFunction function) {
        rss = function;
        customised = true;
    }

    /** How many receive queues the port has. */
    public synchronized int queueCount() {
        return queues;
    }

    public int retaSize() {
        return RETA_SIZE;
    }

    /** The queue of redirection table entry {@code index}. */
    public synchronized int retaEntry(int index) {
        requireConfigured();
        return reta.entry(index);
    }

    /** Points table entry {@code index} at {@code queue}, which the port must have. */
    public void retaUpdate(int index, int queue) {
        retaUpdate(new int[] {index}, new int[] {queue});
    }

    /**
     * Points entries {@code indexes[i]} at {@code queues[i]}; every pair is checked first, so a bad
     * one changes nothing (what testpmd's {@code port config P rss reta (i,q),...} needs).
     */
    public synchronized void retaUpdate(int[] indexes, int[] queues) {
        requireConfigured();
        if (indexes.length != queues.length) {
            throw new IllegalArgumentException("RETA update: " + indexes.length + " indexes but " + queues.length + " queues");
        }
        for (int i = 0; i < indexes.length; i++) {
            if (indexes[i] < 0 || indexes[i] >= reta.size()) {
                throw new IllegalArgumentException("RETA index " + indexes[i] + " out of range 0.." + (reta.size() - 1));
            }
            if (queues[i] < 0 || queues[i] >= this.queues) {
                throw new IllegalArgumentException("RETA queue " + queues[i] + " out of range 0.." + (this.queues - 1));
            }
        }
        for (int i = 0; i < indexes.length; i++) {
            reta.update(indexes[i], queues[i]);
        }
        customised = true;
    }

    private void requireConfigured() {
        if (engine == null) {
            throw new IllegalStateException("the port is not configured yet");
        }
    }
}
