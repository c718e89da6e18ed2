package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProcessThreadsTest {
    @Test
    void listsTheCallingThread() {
        assertThat(ProcessThreads.ids()).contains(Syscalls.gettid());
    }

    @Test
    void namesAThreadAsJavaNamedIt() throws InterruptedException {
        AtomicInteger tid = new AtomicInteger();
        CountDownLatch named = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            tid.set(Syscalls.gettid());
            named.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pt-test-thread");
        t.start();
        named.await();
        try {
            assertThat(ProcessThreads.ids()).contains(tid.get());
            assertThat(ProcessThreads.name(tid.get())).isEqualTo("pt-test-thread");
        } finally {
            done.countDown();
            t.join();
        }
    }

    @Test
    void anEndedThreadHasNoName() {
        assertThat(ProcessThreads.name(Integer.MAX_VALUE)).isNull();
    }
}
