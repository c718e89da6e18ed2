package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimerSlackTest {
    @Test
    void theSlackSetIsTheSlackReadOnTheSameThread() throws InterruptedException {
        AtomicLong seen = new AtomicLong();
        Thread t = new Thread(() -> {
            TimerSlack.setCurrentThread(1_000);
            seen.set(TimerSlack.currentThread());
        });
        t.start();
        t.join();
        assertThat(seen.get()).isEqualTo(1_000);
    }

    @Test
    void anotherThreadKeepsItsOwnSlack() throws InterruptedException {
        long before = TimerSlack.currentThread();
        Thread t = new Thread(() -> TimerSlack.setCurrentThread(2_000));
        t.start();
        t.join();
        assertThat(TimerSlack.currentThread()).isEqualTo(before);
    }

    @Test
    void zeroIsRefused() {
        assertThatThrownBy(() -> TimerSlack.setCurrentThread(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
