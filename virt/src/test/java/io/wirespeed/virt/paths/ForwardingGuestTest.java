package io.wirespeed.virt.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wirespeed.virt.scenario.GuestSpec;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** A forwarding guest on each path sends every frame it receives back out to the wire, through the host where there is one. */
class ForwardingGuestTest {
    private static final int FRAMES = 2_000;

    private static Snapshot macswap(VmPath path) {
        try (PathRig rig = PathRig.open(path, PathRig.Options.defaults().withApp(GuestSpec.App.MACSWAP).withPinning(false))) {
            Snapshot before = rig.snapshot();
            rig.offer(FRAMES, 20_000, 64);
            assertTrue(rig.awaitSettled(10_000_000_000L), path.label() + ": not settled");
            long deadline = System.nanoTime() + 5_000_000_000L;
            Snapshot s = rig.snapshot().minus(before);
            // the way back has no settle of its own: wait until every delivered frame is out or counted
            while (s.returned() + s.returnDrops() < s.delivered() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
                s = rig.snapshot().minus(before);
            }
            return s;
        }
    }

    private static void assertAllReturned(VmPath path) {
        Snapshot s = macswap(path);
        assertEquals(FRAMES, s.delivered() + s.dropped(), s.toString());
        assertEquals(s.delivered(), s.returned() + s.returnDrops(), s.toString());
        assertTrue(s.returned() > 0, s.toString());
    }

    @Test
    void throughTheVswitchOnTheNormalPath() {
        assertAllReturned(VmPath.NORMAL);
    }

    @Test
    void throughTheVmdqPoolsTransmitQueue() {
        assertAllReturned(VmPath.VMDQ);
    }

    @Test
    void straightOutOfTheVf() {
        assertAllReturned(VmPath.SRIOV);
    }
}
