package io.wirespeed.virt.vswitch;

import static io.wirespeed.virt.vswitch.SwitchRig.BROADCAST;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.testkit.Allocations;
import org.junit.jupiter.api.Test;

class VSwitchZeroAllocationTest {
    private static final long A = 0x02_00_00_00_00_0aL;
    private static final long B = 0x02_00_00_00_00_0bL;

    /** Unicast (cache hits), floods with clones and re-tagged copies, drops: once warm, nothing is allocated. */
    @Test
    void switchingAllocatesNothing() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(10, 20));
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(10, 20));
            rig.send(1, 0, SwitchRig.tagged(BROADCAST, B, 10));
            rig.sentCounts();
            byte[][] templates = {SwitchRig.frame(B, A), SwitchRig.frame(BROADCAST, A), SwitchRig.tagged(B, A, 30),
                    SwitchRig.frame(0x02_00_00_00_00_99L, A), SwitchRig.frame(A, A)};
            Mbuf[] burst = new Mbuf[templates.length * 4];
            Allocations.assertSteadyStateAllocatesNothing("a switched burst", () -> {
                for (int round = 0; round < 2_000; round++) {
                    for (int i = 0; i < burst.length; i++) {
                        burst[i] = rig.pool.alloc();
                        burst[i].write(templates[i % templates.length]);
                    }
                    rig.vswitch.switchBurst(0, burst, burst.length, round);
                    for (int p = 0; p < 4; p++) {
                        rig.wire(p).discardSent();
                    }
                }
            });
            assertThat(rig.vswitch.emcHits()).isPositive();
            assertThat(rig.vswitch.stats(0).flooded()).isPositive();
        }
    }
}
