package io.wirespeed.lcore;

/**
 * What a poll loop does after each poll: counts it as busy or empty in the lcore's
 * {@link LcoreStats} and, after an empty one, lets the {@link IdlePolicy} wait. Keeps the count of
 * consecutive empty polls the policy needs. Owned by one lcore thread; allocates nothing.
 *
 * <pre>{@code
 * PollPacer pacer = ctx.pacer(IdlePolicy.named("backoff"));
 * while (!ctx.stopRequested()) {
 *     int n = rx.rxBurst(mbufs, 32);
 *     ... forward n packets ...
 *     pacer.afterPoll(n);
 * }
 * }</pre>
 */
public final class PollPacer {
    private final LcoreStats stats;
    private final IdlePolicy policy;
    private int emptyPolls;

    PollPacer(LcoreStats stats, IdlePolicy policy) {
        this.stats = stats;
        this.policy = policy;
    }

    /** @param workFound how much the poll found (packets, events); 0 means the poll was empty */
    public void afterPoll(int workFound) {
        if (workFound > 0) {
            stats.recordPoll(true);
            emptyPolls = 0;
            policy.busy(workFound);
        } else {
            stats.recordPoll(false);
            if (emptyPolls < Integer.MAX_VALUE) {
                emptyPolls++;
            }
            policy.idle(emptyPolls);
        }
    }

    public IdlePolicy policy() {
        return policy;
    }
}
