package io.wirespeed.classify.steer;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.classify.flow.FlowCommand;
import io.wirespeed.classify.flow.FlowCommandParser;
import io.wirespeed.ethdev.RxSteering;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.FrameBuilder;
import io.wirespeed.testkit.Allocations;
import org.junit.jupiter.api.Test;

/** Steering packets, through rules and RSS, allocates nothing. */
class FlowSteeringAllocationTest {
    @Test
    void steeringAllocatesNothing() {
        try (Mempool pool = Mempool.builder("fsa" + System.nanoTime(), 8).cacheSize(0).hugePages(false).build()) {
            FlowSteering steering = new FlowSteering();
            steering.configure(4, 1);
            for (String rule : new String[] {
                "ingress pattern eth / ipv4 / udp dst is 53 / end actions mark id 1 / queue index 1 / end",
                "ingress pattern eth / ipv6 / end actions rss queues 2 3 end types ipv6-tcp end / end",
                "ingress pattern eth / vlan vid is 9 / end actions drop / end"}) {
                steering.flows().create(((FlowCommand.Create) FlowCommandParser.parse("flow create 0 " + rule)).rule());
            }
            RxSteering.Steerer steerer = steering.newSteerer(0);
            Mbuf[] frames = new Mbuf[4];
            new FrameBuilder().ethernet(1, 2).ipv4(3, 4).udp(5, 53).payload(10).writeTo(frames[0] = pool.alloc());
            new FrameBuilder().ethernet(1, 2).ipv6(1, 2, 3, 4).tcp(5, 6).writeTo(frames[1] = pool.alloc());
            new FrameBuilder().ethernet(1, 2).vlan(9).ipv4(3, 4).udp(5, 6).writeTo(frames[2] = pool.alloc());
            new FrameBuilder().ethernet(1, 2).ipv4(3, 4).tcp(5, 6).writeTo(frames[3] = pool.alloc());
            long[] sink = {0};
            Allocations.assertSteadyStateAllocatesNothing("flow steering", () -> {
                for (int i = 0; i < 20_000; i++) {
                    for (Mbuf m : frames) {
                        sink[0] += steerer.queueFor(m);
                    }
                }
            });
            Mbuf.freeBulk(frames, 0, frames.length);
            assertThat(sink[0]).as("work was done").isNotZero();
        }
    }
}
