package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class EpollTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void waitsAllocateNothingFromTheFirstCall() {
        // A sleeping lcore waits a few hundred times a second: far too seldom for the JIT to
        // compile the call soon, so the waits must not allocate before it does.
        try (Epoll epoll = Epoll.create(1)) {
            THREADS.getCurrentThreadAllocatedBytes();   // the first call may allocate itself
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 500; i++) {
                epoll.await(0);
            }
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).isZero();
        }
    }

    @Test
    void aWaitOnABadDescriptorSaysWhy() {
        Epoll epoll = Epoll.create(1);
        Syscalls.close(epoll.fd());
        assertThatThrownBy(() -> epoll.await(0))
                .isInstanceOf(SysException.class)
                .hasMessageContaining("epoll_wait");
    }
}
