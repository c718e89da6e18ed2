package io.wirespeed.virt.vswitch;

import static io.wirespeed.virt.vswitch.SwitchRig.BROADCAST;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every frame received is forwarded or counted in a drop reason, and no mbuf is lost. */
class VSwitchConservationTest {
    @Test
    void mixedTrafficBalancesAndReturnsEveryMbuf() {
        Random random = new Random(6);
        try (SwitchRig rig = new SwitchRig()) {
            rig.add(VlanMode.access(10));
            rig.add(VlanMode.access(20), 3);                   // a small queue: some tx_full
            rig.add(VlanMode.trunkWithNative(1, 10, 20));
            rig.add(VlanMode.trunk(10, 30));
            rig.add(VlanMode.access(10), 5);
            int free = rig.pool.availableCount();
            long[] stations = new long[12];
            for (int i = 0; i < stations.length; i++) {
                stations[i] = 0x02_00_00_00_01_00L + i;
            }
            long sent = 0;
            for (int round = 0; round < 400; round++) {
                int in = random.nextInt(5);
                int n = 1 + random.nextInt(12);
                byte[][] burst = new byte[n][];
                for (int i = 0; i < n; i++) {
                    long dst = random.nextInt(8) == 0 ? BROADCAST : stations[random.nextInt(stations.length)];
                    long src = stations[random.nextInt(stations.length)];
                    burst[i] = switch (random.nextInt(8)) {
                        case 0 -> new byte[random.nextInt(18)];                       // runts
                        case 1, 2 -> SwitchRig.tagged(dst, src, new int[] {0, 1, 10, 20, 30, 40}[random.nextInt(6)]);
                        default -> SwitchRig.frame(dst, src);
                    };
                }
                rig.send(in, round * SwitchRig.SECOND, burst);
                sent += n;
                rig.sentCounts();                                                    // drain the wires
            }
            long received = 0;
            long forwarded = 0;
            long ingressDrops = 0;
            for (int p = 0; p < 5; p++) {
                VSwitchPortStats s = rig.vswitch.stats(p);
                received += s.rxPackets();
                forwarded += s.unicast() + s.flooded();
                ingressDrops += s.ingressDrops();
            }
            assertThat(received).isEqualTo(sent);
            assertThat(received).isEqualTo(forwarded + ingressDrops);
            assertThat(ingressDrops).as("every ingress reason happened").isPositive();
            for (DropReason r : new DropReason[] {DropReason.MALFORMED, DropReason.VLAN_NOT_ALLOWED, DropReason.TX_FULL}) {
                long n = 0;
                for (int p = 0; p < 5; p++) {
                    n += rig.vswitch.stats(p).drops(r);
                }
                assertThat(n).as(r.label()).isPositive();
            }
            assertThat(rig.vswitch.balanced()).isTrue();
            assertThat(rig.pool.availableCount()).as("no mbuf leaked").isEqualTo(free);
        }
    }
}
