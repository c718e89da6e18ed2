package io.wirespeed.lcore;

import java.util.List;

/**
 * What a poll loop does when a poll found nothing: spin (lowest latency, a whole CPU), or back
 * off (some latency, CPU left for others). The loop calls {@link #idle} after each empty poll and
 * {@link #busy} after each poll that found work; {@link PollPacer} does both.
 *
 * <p>A policy may keep state between calls (a later adaptive policy arms queue interrupts and
 * blocks in epoll after enough empty polls, and disarms them on {@link #busy}), so each lcore gets
 * its own instance: {@link #named} returns a new one on every call.
 */
public interface IdlePolicy {
    /** The names {@link #named} accepts, in the order a help text lists them. */
    List<String> NAMES = List.of("busy", "backoff", "adaptive", "interrupt");

    /**
     * Called after a poll that found nothing.
     *
     * @param emptyPolls consecutive empty polls so far, this one included (1 after the first)
     */
    void idle(int emptyPolls);

    /**
     * Called after a poll that found work: whatever waiting {@link #idle} built up starts over.
     *
     * @param workFound what the poll found (packets, events), at least 1
     */
    void busy(int workFound);

    /** The name {@link #named} knows this policy by, for status lines. */
    String name();

    /**
     * Tells the policy about a queue the loop polls, before the loop starts. Policies that sleep
     * on interrupts wait on its descriptor; the others ignore it.
     */
    default void watch(InterruptSource source) {
    }

    /** Times the lcore slept (0 for policies that never do). */
    default long sleeps() {
        return 0;
    }

    /** Times an interrupt woke the lcore (0 for policies that never sleep on one). */
    default long wakeups() {
        return 0;
    }

    /** Releases what the policy holds (an epoll instance); the loop calls it when it ends. */
    default void close() {
    }

    /**
     * A new policy by name, as a command line's {@code --idle} option gives it, with default
     * settings.
     *
     * @throws IllegalArgumentException naming the valid names, for an unknown one
     */
    static IdlePolicy named(String name) {
        return switch (name) {
            case "busy" -> new BusyIdlePolicy();
            case "backoff" -> new BackoffIdlePolicy();
            case "adaptive" -> SleepingIdlePolicy.adaptive();
            case "interrupt" -> SleepingIdlePolicy.interrupt();
            default -> throw new IllegalArgumentException(
                    "unknown idle policy \"" + name + "\" (valid: " + String.join(", ", NAMES) + ")");
        };
    }
}
