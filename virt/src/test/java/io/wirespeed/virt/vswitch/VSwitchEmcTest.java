package io.wirespeed.virt.vswitch;

import static io.wirespeed.virt.vswitch.SwitchRig.AGEING;
import static io.wirespeed.virt.vswitch.SwitchRig.BROADCAST;
import static io.wirespeed.virt.vswitch.SwitchRig.SECOND;
import static io.wirespeed.virt.vswitch.SwitchRig.frame;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exact-match cache: it answers repeated lookups and never a stale one. */
class VSwitchEmcTest {
    private static final long A = 0x02_00_00_00_00_0aL;
    private static final long B = 0x02_00_00_00_00_0bL;

    private static SwitchRig threePorts() {
        SwitchRig rig = new SwitchRig();
        for (int i = 0; i < 3; i++) {
            rig.add(VlanMode.access(10));
        }
        rig.send(1, 0, frame(BROADCAST, B));                   // B learned on port 1
        rig.sentCounts();
        return rig;
    }

    @Test
    void theFirstLookupOfAFlowMissesAndTheNextOnesHit() {
        try (SwitchRig rig = threePorts()) {
            rig.send(0, 1, frame(B, A), frame(B, A), frame(B, A));
            assertThat(rig.vswitch.emcMisses()).isEqualTo(1);
            assertThat(rig.vswitch.emcHits()).isEqualTo(2);
            assertThat(rig.sentCounts()).containsExactly(0, 3, 0);
        }
    }

    @Test
    void broadcastsDoNotTouchTheCache() {
        try (SwitchRig rig = threePorts()) {
            rig.send(0, 1, frame(BROADCAST, A), frame(BROADCAST, A));
            assertThat(rig.vswitch.emcHits() + rig.vswitch.emcMisses()).isZero();
        }
    }

    @Test
    void aStationMoveInvalidatesTheCachedPort() {
        try (SwitchRig rig = threePorts()) {
            rig.send(0, 1, frame(B, A), frame(B, A));          // cached: B on port 1
            rig.send(2, 2, frame(BROADCAST, B));               // B moves to port 2
            rig.sentCounts();
            long misses = rig.vswitch.emcMisses();
            rig.send(0, 3, frame(B, A));
            assertThat(rig.sentCounts()).containsExactly(0, 0, 1);
            assertThat(rig.vswitch.emcMisses()).isEqualTo(misses + 1);
        }
    }

    @Test
    void anAgedStationIsNotForwardedFromTheCache() {
        try (SwitchRig rig = threePorts()) {
            rig.send(0, 1, frame(B, A), frame(B, A));          // cached: B on port 1, learned at 0
            rig.sentCounts();
            rig.send(0, AGEING + SECOND, frame(B, A));         // B aged out: unknown again, flooded
            assertThat(rig.sentCounts()).containsExactly(0, 1, 1);
            assertThat(rig.vswitch.stats(0).flooded()).isEqualTo(1);
        }
    }

    @Test
    void aFlushedPortsStationsAreNotForwardedFromTheCache() {
        try (SwitchRig rig = threePorts()) {
            rig.send(0, 1, frame(B, A), frame(B, A));
            rig.sentCounts();
            rig.vswitch.flushPort(1);
            rig.send(0, 2, frame(B, A));
            assertThat(rig.sentCounts()).containsExactly(0, 1, 1);
        }
    }

    @Test
    void aRefreshedStationStaysReachableAfterTheCacheEntryRanOut() {
        try (SwitchRig rig = threePorts()) {
            rig.send(0, 1, frame(B, A));                       // cached until AGEING
            rig.send(1, AGEING - SECOND, frame(A, B));         // B heard again: the table keeps it longer
            rig.sentCounts();
            rig.send(0, AGEING + SECOND, frame(B, A));
            assertThat(rig.sentCounts()).containsExactly(0, 1, 0);
        }
    }
}
