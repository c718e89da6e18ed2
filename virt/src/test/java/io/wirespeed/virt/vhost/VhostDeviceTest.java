package io.wirespeed.virt.vhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.virt.vf.VfPortBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VhostDeviceTest {
    private static final long MAC = 0x02_00_00_00_00_10L;
    private static final int RING = 64;
    private final VhostDevice device = new VhostDevice("virtio0", MAC, 1);
    private final MemoryZone guestZone = MemoryZone.anonymous("vhost-test-guest", 4 << 20);
    private final Mempool guestPool = Mempool.builder("vhost-test-guest", 512).cacheSize(0).zone(guestZone).build();
    private final Mempool hostPool = Mempool.builder("vhost-test-host", 512).cacheSize(0).hugePages(false).build();
    private final Port guest = new Port(0, "guest", VfPortBackend.DRIVER, new VfPortBackend(device, guestZone));
    private final Port host = new Port(1, "host", VhostBackend.DRIVER, device.hostBackend());
    private final Mbuf[] burst = new Mbuf[64];

    VhostDeviceTest() {
        guest.configure(1, 1, PortConf.defaults());
        guest.rxQueueSetup(0, RING, guestPool);
        guest.txQueueSetup(0, RING);
        guest.start();
        host.configure(1, 1, PortConf.defaults());
        host.rxQueueSetup(0, RING, hostPool);
        host.txQueueSetup(0, RING);
        host.start();
    }

    @AfterEach
    void close() {
        guest.close();
        host.close();
        guestPool.close();
        hostPool.close();
        guestZone.close();
    }

    private Mbuf hostFrame(byte fill, int length) {
        Mbuf m = hostPool.alloc();
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, fill);
        m.write(bytes);
        return m;
    }

    @Test
    void theGuestsDriverLearnsTheAddressTheHostGaveIt() {
        assertThat(guest.macAddress().bits()).isEqualTo(MAC);
        assertThat(guest.link().up()).isTrue();
    }

    @Test
    void aFrameTheHostSendsIsCopiedIntoTheGuestsBuffer() {
        burst[0] = hostFrame((byte) 0x5a, 100);
        assertThat(host.txBurst(0, burst, 0, 1)).isEqualTo(1);
        assertThat(guest.rxBurst(0, burst, 0, 8)).isEqualTo(1);
        assertThat(burst[0].pool()).isSameAs(guestPool);
        assertThat(burst[0].toByteArray()).hasSize(100).containsOnly((byte) 0x5a);
        assertThat(device.copiesToGuest()).isEqualTo(1);
        assertThat(hostPool.availableCount()).isEqualTo(512); // the host's buffer went back at once
        burst[0].free();
    }

    @Test
    void theGuestIsSignalledOnlyWhileItsInterruptIsUnmasked() {
        burst[0] = hostFrame((byte) 1, 60);
        host.txBurst(0, burst, 0, 1); // the driver starts masked (poll mode)
        assertThat(device.interrupts()).isZero();
        guest.rxBurst(0, burst, 0, 8);
        burst[0].free();
        guest.rxQueue(0).interruptEnable(true);
        burst[0] = hostFrame((byte) 2, 60);
        host.txBurst(0, burst, 0, 1);
        assertThat(device.interrupts()).isEqualTo(1);
        assertThat(device.interrupt(0).drain()).isPositive();
    }

    @Test
    void framesBeyondTheGuestsPostedBuffersAreLeftToTheSender() {
        int sent = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 32; i++) {
                burst[i] = hostFrame((byte) i, 60);
            }
            int n = host.txBurst(0, burst, 0, 32);
            Mbuf.freeBulk(burst, n, 32 - n);
            sent += n;
        }
        assertThat(sent).isEqualTo(RING - 1); // one slot is the ring's gap
    }

    @Test
    void aFrameTheGuestSendsIsCopiedIntoAHostBufferAndItsDescriptorCompleted() {
        Mbuf m = guestPool.alloc();
        m.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
        burst[0] = m;
        assertThat(guest.txBurst(0, burst, 0, 1)).isEqualTo(1);
        assertThat(host.rxBurst(0, burst, 0, 8)).isEqualTo(1);
        assertThat(burst[0].pool()).isSameAs(hostPool);
        assertThat(burst[0].toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        assertThat(device.copiesFromGuest()).isEqualTo(1);
        burst[0].free();
        int before = guestPool.availableCount();
        guest.txBurst(0, burst, 0, 0); // the driver reclaims completed descriptors on its next burst
        assertThat(guestPool.availableCount()).isEqualTo(before + 1);
    }

    @Test
    void aStoppedGuestTakesNothingAndItsLinkIsDown() {
        guest.stop();
        burst[0] = hostFrame((byte) 1, 60);
        assertThat(host.txBurst(0, burst, 0, 1)).isZero();
        assertThat(host.link().up()).isFalse();
        burst[0].free();
    }
}
