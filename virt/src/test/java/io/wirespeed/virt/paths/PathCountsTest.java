package io.wirespeed.virt.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirespeed.virt.scenario.GuestSpec;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The seed's counts, for a fixed number of frames sent one at a time (each delivered, and the
 * cores given 2 ms to go back to sleep, before the next leaves the wire) with interrupt
 * moderation off. The threads are not pinned: on two CPUs the host's and the guest's would share
 * one, and a core still busy when the next frame lands finds it without an interrupt. Even so a
 * scheduler's hiccup can let a frame in while a core is still polling, so the sleeping paths'
 * bounds leave a few per cent of room.
 */
class PathCountsTest {
    private static final int FRAMES = 200;

    private static Snapshot oneAtATime(VmPath path) {
        return oneAtATime(path, GuestSpec.Mode.POLL);
    }

    private static Snapshot oneAtATime(VmPath path, GuestSpec.Mode sriovGuest) {
        try (PathRig rig = PathRig.open(path, PathRig.Options.defaults().withInterruptInterval(0).withPinning(false)
                .withGuestMode(sriovGuest))) {
            Snapshot before = rig.snapshot();
            for (int i = 0; i < FRAMES; i++) {
                rig.offer(1, 0, 64);
                assertTrue(rig.awaitSettled(5_000_000_000L), path.label() + ": frame " + i + " not settled");
                LockSupport.parkNanos(2_000_000);
            }
            return rig.snapshot().minus(before);
        }
    }

    @Test
    void normalTakesTwoInterruptsAndOneCopyPerPacket() {
        Snapshot s = oneAtATime(VmPath.NORMAL);
        assertEquals(FRAMES, s.delivered(), s.toString());
        assertEquals(FRAMES, s.hostCopies());
        double interrupts = (double) (s.hostInterrupts() + s.guestInterrupts()) / FRAMES;
        assertTrue(interrupts >= 1.8 && interrupts <= 2.0, "interrupts per packet " + interrupts);
    }

    @Test
    void vmdqTakesOneInterruptAndOneCopyPerPacket() {
        Snapshot s = oneAtATime(VmPath.VMDQ);
        assertEquals(FRAMES, s.delivered(), s.toString());
        assertEquals(FRAMES, s.hostCopies());
        assertEquals(0, s.hostInterrupts());
        double interrupts = (double) s.guestInterrupts() / FRAMES;
        assertTrue(interrupts >= 0.9 && interrupts <= 1.0, "guest interrupts per packet " + interrupts);
    }

    @Test
    void sriovInPollModeTakesNoInterruptAndNoCopy() {
        Snapshot s = oneAtATime(VmPath.SRIOV);
        assertEquals(FRAMES, s.delivered(), s.toString());
        assertEquals(0, s.hostCopies());
        assertEquals(0, s.hostInterrupts() + s.guestInterrupts());
    }

    @Test
    void passthroughInPollModeTakesNoInterruptAndNoCopy() {
        Snapshot s = oneAtATime(VmPath.PASSTHROUGH);
        assertEquals(FRAMES, s.delivered(), s.toString());
        assertEquals(0, s.hostCopies());
        assertEquals(0, s.hostInterrupts() + s.guestInterrupts());
    }

    @Test
    void ovsDpdkPollsOnBothCoresTakesNoInterruptAndCopiesOnce() {
        Snapshot s = oneAtATime(VmPath.OVS_DPDK);
        assertEquals(FRAMES, s.delivered(), s.toString());
        assertEquals(FRAMES, s.hostCopies());
        assertEquals(0, s.hostInterrupts() + s.guestInterrupts());
    }

    @Test
    void sriovInAdaptiveModeSleepsOnTheVfsOwnInterruptWhenTrafficIsLow() {
        Snapshot s = oneAtATime(VmPath.SRIOV, GuestSpec.Mode.ADAPTIVE);
        assertEquals(FRAMES, s.delivered(), s.toString());
        assertEquals(0, s.hostCopies() + s.hostInterrupts());
        double interrupts = (double) s.guestInterrupts() / FRAMES;
        assertTrue(interrupts >= 0.9 && interrupts <= 1.0, "guest interrupts per packet " + interrupts);
    }
}
