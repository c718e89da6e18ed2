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
}
