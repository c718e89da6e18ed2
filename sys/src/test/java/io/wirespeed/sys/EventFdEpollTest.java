package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventFdEpollTest {
    @Test
    void signalWakesEpollWithTheRegisteredData() {
        try (EventFd irq = EventFd.create(); Epoll epoll = Epoll.create(4)) {
            epoll.add(irq.fd(), Epoll.EPOLLIN, 77L);
            assertThat(epoll.await(0)).isZero();
            irq.signal();
            assertThat(epoll.await(1000)).isEqualTo(1);
            assertThat(epoll.data(0)).isEqualTo(77L);
            assertThat(epoll.events(0) & Epoll.EPOLLIN).isNotZero();
        }
    }

    @Test
    void drainReturnsTheSignalCountAndClearsIt() {
        try (EventFd irq = EventFd.create()) {
            irq.signal();
            irq.signal();
            irq.signal();
            assertThat(irq.drain()).isEqualTo(3);
            assertThat(irq.drain()).isZero();
        }
    }

    @Test
    void signalFromAnotherThreadWakesABlockedWaiter() throws InterruptedException {
        try (EventFd irq = EventFd.create(); Epoll epoll = Epoll.create(1)) {
            epoll.add(irq.fd(), Epoll.EPOLLIN, 1L);
            Thread raiser = new Thread(irq::signal);
            raiser.start();
            assertThat(epoll.await(5000)).isEqualTo(1);
            raiser.join();
        }
    }
}
