package io.wirespeed.lcore;

import io.wirespeed.sys.Epoll;
import java.util.ArrayList;
import java.util.List;

/**
 * Sleeps in epoll until one of an lcore's sources has work: arms them, waits, disarms them
 * (DPDK l3fwd-power's turn_on_off_intr + sleep_until_rx_interrupt). Owned by one lcore thread.
 */
final class InterruptWaiter implements AutoCloseable {
    private final InterruptSource[] sources;
    private Epoll epoll;

    InterruptWaiter(List<InterruptSource> watched) {
        List<InterruptSource> withFd = new ArrayList<>();
        for (InterruptSource s : watched) {
            if (s.interruptFd() >= 0) {
                withFd.add(s);
            }
        }
        this.sources = withFd.toArray(InterruptSource[]::new);
    }

    /** Whether any source can wake the lcore; if not, a caller must sleep by the clock instead. */
    boolean canWait() {
        return sources.length > 0;
    }

    /**
     * Blocks until a source signals or {@code timeoutMillis} pass; true when a source signalled.
     * Level-triggered: work that arrived between the last poll and the arming still wakes it.
     */
    boolean await(int timeoutMillis) {
        if (epoll == null) {
            epoll = Epoll.create(sources.length);
            for (int i = 0; i < sources.length; i++) {
                epoll.add(sources[i].interruptFd(), Epoll.EPOLLIN, i);
            }
        }
        for (InterruptSource s : sources) {
            s.interruptEnable(true);
        }
        int ready = epoll.await(timeoutMillis);
        for (InterruptSource s : sources) {
            s.interruptEnable(false);
        }
        return ready > 0;
    }

    @Override
    public void close() {
        if (epoll != null) {
            epoll.close();
            epoll = null;
        }
    }
}
