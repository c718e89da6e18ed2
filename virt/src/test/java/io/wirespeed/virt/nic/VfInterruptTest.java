package io.wirespeed.virt.nic;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.traffic.FlowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class VfInterruptTest {
    private static final long A = MacAddress.parse("02:00:00:00:00:10");
    private static final long PEER = MacAddress.parse("02:00:00:00:99:01");

    private static NicFixture oneVf(long frames, long intervalNanos) {
        NicFixture f = new NicFixture(NicConfig.defaults().withInterruptInterval(intervalNanos),
                List.of(FlowSpec.of(A, PEER, 64, frames)));
        f.nic.pf().numVfs(1);
        f.nic.pf().mac(0, A);
        return f;
    }

    @Test
    void pollModeQueueGetsNoInterrupt() throws Exception {
        try (NicFixture f = oneVf(100, 0)) {
            Port a = f.guest(0);
            f.settle();
            assertThat(NicFixture.drain(a)).isEqualTo(100);
            assertThat(f.nic.vf(0).stats().interrupts()).isZero();
        }
    }

    @Test
    void unmaskedQueueIsSignalledThroughItsEventFd() throws Exception {
        try (NicFixture f = oneVf(10, 0)) {
            Port a = f.guest(0);
            a.rxQueue(0).interruptEnable(true);
            f.settle();
            assertThat(f.nic.vf(0).stats().interrupts()).isPositive();
            assertThat(f.nic.vf(0).interrupt(0).drain()).isPositive();
        }
    }

    @Test
    void moderationAllowsOneInterruptPerInterval() throws Exception {
        try (NicFixture f = oneVf(200, 60_000_000_000L)) {
            Port a = f.guest(0);
            a.rxQueue(0).interruptEnable(true);
            f.settle();
            assertThat(f.nic.vf(0).stats().interrupts()).isEqualTo(1);
        }
    }

    @Test
    void unmaskingWithFramesWaitingRaisesTheLineAtOnce() throws Exception {
        try (NicFixture f = oneVf(3, 0)) {
            Port a = f.guest(0);
            f.settle(); // masked: frames wait without an interrupt
            a.rxQueue(0).interruptEnable(true);
            assertThat(f.nic.vf(0).interrupt(0).drain()).isEqualTo(1);
        }
    }
}
