package io.wirespeed.lcore;

/**
 * Something a poll loop can sleep on instead of polling: a receive queue whose file descriptor
 * becomes readable when packets arrive (DPDK's rx interrupt). Receive queues implement it.
 */
public interface InterruptSource {
    /** The descriptor that becomes readable (EPOLLIN) when there is work, or -1 if there is none. */
    int interruptFd();

    /** Asks the source to raise its descriptor on new work (true), or to stop (false). */
    void interruptEnable(boolean on);

    /**
     * Told once, before the loop starts, by a policy that will sleep on this source (DPDK: a port
     * configured with rx interrupts). A source whose polls make the kernel do its receive work on
     * the polling core (busy polling) should stop: an lcore that sleeps at low rates would spend
     * most of its CPU in those polls, and the kernel's own interrupt path does the work instead.
     */
    default void sleptOn() {
    }
}
