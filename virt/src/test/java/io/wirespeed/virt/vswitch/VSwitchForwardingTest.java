package io.wirespeed.virt.vswitch;

import static io.wirespeed.virt.vswitch.SwitchRig.BROADCAST;
import static io.wirespeed.virt.vswitch.SwitchRig.frame;
import static io.wirespeed.virt.vswitch.SwitchRig.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Learning, unicast, flooding and the drops of the switch on access ports. */
class VSwitchForwardingTest {
    private static final long A = 0x02_00_00_00_00_0aL;
    private static final long B = 0x02_00_00_00_00_0bL;
    private static final long C = 0x02_00_00_00_00_0cL;

    @Test
    void anUnknownDestinationIsFloodedAndALearnedOneGoesOnlyToItsPort() {
        try (SwitchRig rig = new SwitchRig()) {
            for (int i = 0; i < 3; i++) {
                rig.add(VlanMode.access(10));
            }
            rig.send(0, 0, frame(B, A));                      // B unknown: flooded; A learned on 0
            assertThat(rig.sentCounts()).containsExactly(0, 1, 1);
            rig.send(1, 1, frame(A, B));                      // A known: port 0 only; B learned on 1
            assertThat(rig.sentCounts()).containsExactly(1, 0, 0);
            rig.send(0, 2, frame(B, A));                      // B known now: no more flooding
            assertThat(rig.sentCounts()).containsExactly(0, 1, 0);
            assertThat(rig.vswitch.stats(0).flooded()).isEqualTo(1);
            assertThat(rig.vswitch.stats(0).unicast()).isEqualTo(1);
            assertThat(rig.vswitch.macTableSize(2)).isEqualTo(2);
        }
    }

    @Test
    void aBroadcastGoesToEveryOtherPortOfItsVlanAndNowhereElse() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(20));
            rig.add(VlanMode.access(10));
            rig.send(0, 0, frame(BROADCAST, A));
            assertThat(rig.sentCounts()).containsExactly(0, 1, 0, 1);
            assertThat(rig.vswitch.stats(0).outputs()).isEqualTo(2);
        }
    }

    @Test
    void anUnknownUnicastIsFloodedWithinItsVlanOnly() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(20));
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(20));
            rig.add(VlanMode.trunk(10, 30));
            rig.send(1, 0, frame(C, A));
            assertThat(rig.sentCounts()).containsExactly(0, 0, 0, 1);
            rig.send(0, 0, frame(C, B));
            assertThat(rig.sentCounts()).containsExactly(0, 0, 1, 0);
        }
    }

    @Test
    void theSameAddressInAnotherVlanIsAnotherStation() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.trunk(10, 20));
            rig.add(VlanMode.access(20));
            rig.send(0, 0, frame(BROADCAST, A));              // A learned in VLAN 10 on port 0
            rig.sentCounts();
            rig.send(2, 1, frame(A, B));                      // A in VLAN 20 is unknown: flooded
            assertThat(rig.sentCounts()).containsExactly(0, 1, 0);
            assertThat(rig.vswitch.stats(2).flooded()).isEqualTo(1);
        }
    }

    @Test
    void aFrameForAStationOnItsOwnPortIsNotSentBackAndCountsAsSamePort() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10));
            rig.send(0, 0, frame(BROADCAST, A), frame(BROADCAST, B)); // A and B both behind port 0
            rig.sentCounts();
            rig.send(0, 1, frame(B, A));
            assertThat(rig.sentCounts()).containsExactly(0, 0);
            assertThat(rig.vswitch.stats(0).drops(DropReason.SAME_PORT)).isEqualTo(1);
        }
    }

    @Test
    void runtsAreDroppedAsMalformed() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.trunk(10));
            rig.add(VlanMode.trunk(10));
            byte[] runt = new byte[13];
            byte[] cutTag = java.util.Arrays.copyOf(tagged(BROADCAST, A, 10), 16); // the tag announced, not all there
            rig.send(0, 0, runt, cutTag);
            assertThat(rig.sentCounts()).containsExactly(0, 0);
            assertThat(rig.vswitch.stats(0).drops(DropReason.MALFORMED)).isEqualTo(2);
            assertThat(rig.vswitch.macTableSize(0)).as("nothing learned from a runt").isZero();
        }
    }

    @Test
    void aFloodIntoAVlanWithNoOtherPortCountsAsNoOutput() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(20));
            rig.send(0, 0, frame(BROADCAST, A));
            assertThat(rig.sentCounts()).containsExactly(0, 0);
            assertThat(rig.vswitch.stats(0).drops(DropReason.NO_OUTPUT)).isEqualTo(1);
        }
    }

    @Test
    void whatATransmitQueueRefusesIsFreedAndCountedAsTxFull() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10), 2);
            int free = rig.pool.availableCount();
            rig.send(0, 0, frame(B, A), frame(B, A), frame(B, A), frame(B, A), frame(B, A));
            assertThat(rig.vswitch.stats(1).txPackets()).isEqualTo(2);
            assertThat(rig.vswitch.stats(1).txBytes()).isEqualTo(2 * 64);
            assertThat(rig.vswitch.stats(1).drops(DropReason.TX_FULL)).isEqualTo(3);
            assertThat(rig.sent(1)).hasSize(2);
            assertThat(rig.pool.availableCount()).as("the refused frames went back to the pool").isEqualTo(free);
        }
    }

    @Test
    void eachOutputPortGetsOneTransmitBurstPerSwitchedBurst() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10));
            rig.send(1, 0, frame(BROADCAST, B));
            rig.sentCounts();
            int before1 = rig.wire(1).txBursts();
            int before2 = rig.wire(2).txBursts();
            rig.send(0, 1, frame(B, A), frame(BROADCAST, A), frame(B, A), frame(C, A), frame(B, A));
            assertThat(rig.wire(1).txBursts() - before1).isEqualTo(1);
            assertThat(rig.wire(2).txBursts() - before2).isEqualTo(1);
            assertThat(rig.sentCounts()).containsExactly(0, 5, 2);
        }
    }

    @Test
    void pollReceivesABurstFromThePortAndSwitchesIt() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10));
            rig.wire(0).arrive(rig.mbuf(frame(BROADCAST, A)));
            rig.wire(0).arrive(rig.mbuf(frame(BROADCAST, A)));
            assertThat(rig.vswitch.poll(0, 0)).isEqualTo(2);
            assertThat(rig.vswitch.poll(0, 0)).isZero();
            assertThat(rig.sentCounts()).containsExactly(0, 2);
            assertThat(rig.vswitch.stats(0).rxPackets()).isEqualTo(2);
            assertThat(rig.vswitch.stats(0).rxBytes()).isEqualTo(128);
        }
    }

    @Test
    void aStationThatMovesIsFollowed() {
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(10));
            rig.send(1, 0, frame(BROADCAST, B));
            rig.send(0, 1, frame(B, A));
            rig.sentCounts();
            rig.send(2, 2, frame(A, B));                      // B now behind port 2
            rig.send(0, 3, frame(B, A));
            assertThat(rig.sentCounts()).containsExactly(1, 0, 1);
        }
    }
}
