package io.wirespeed.virt.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.Checksums;
import io.wirespeed.net.FrameBuilder;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuestAppTest {
    private static final long OWN = 0x02_00_00_00_00_10L;
    private static final long PEER = 0x02_00_00_00_99_01L;
    private final Mempool pool = Mempool.builder("guest-app-test", 64).cacheSize(0).hugePages(false).build();
    private final GuestDrops drops = new GuestDrops();

    @AfterEach
    void close() {
        pool.close();
    }

    private Mbuf frame(long dst, long src, int dstIp, int ttl) {
        FrameBuilder b = new FrameBuilder().ethernet(dst, src).ipv4(0x0a00_0001, dstIp).ttl(ttl).udp(1024, 4789);
        b.padTo(64);
        byte[] bytes = new byte[64];
        b.writeTo(MemorySegment.ofArray(bytes), 0);
        Mbuf m = pool.alloc();
        m.write(bytes);
        return m;
    }

    private static long mac(Mbuf m, int at) {
        return GuestApp.readMac(m.buffer(), m.dataOffset() + at);
    }

    private static int ttl(Mbuf m) {
        return Byte.toUnsignedInt(m.buffer().get(java.lang.foreign.ValueLayout.JAVA_BYTE, m.dataOffset() + 14 + 8));
    }

    @Test
    void macswapSendsEachFrameBackWithItsAddressesSwapped() {
        Mbuf[] burst = {frame(OWN, PEER, 0x0a00_0002, 64)};
        int out = GuestApp.of(GuestSpec.App.MACSWAP, OWN, 0).handle(burst, 1, drops);
        assertThat(out).isEqualTo(1);
        assertThat(mac(burst[0], 0)).isEqualTo(PEER);
        assertThat(mac(burst[0], 6)).isEqualTo(OWN);
        burst[0].free();
    }

    @Test
    void l2fwdAddressesThePortsNeighbourFromItsOwnAddress() {
        Mbuf[] burst = {frame(OWN, PEER, 0x0a00_0002, 64)};
        int out = GuestApp.of(GuestSpec.App.L2FWD, OWN, 3).handle(burst, 1, drops);
        assertThat(out).isEqualTo(1);
        assertThat(mac(burst[0], 0)).isEqualTo(0x02_00_00_00_00_03L);
        assertThat(mac(burst[0], 6)).isEqualTo(OWN);
        burst[0].free();
    }

    @Test
    void l3fwdDecrementsTheTtlKeepsTheChecksumValidAndReturnsToTheNeighbour() {
        Mbuf[] burst = {frame(OWN, PEER, 0x0a00_0002, 64)};
        int out = GuestApp.of(GuestSpec.App.L3FWD, OWN, 0).handle(burst, 1, drops);
        assertThat(out).isEqualTo(1);
        assertThat(ttl(burst[0])).isEqualTo(63);
        assertThat(Checksums.ipv4HeaderValid(burst[0].buffer(), burst[0].dataOffset() + 14)).isTrue();
        assertThat(mac(burst[0], 0)).isEqualTo(PEER);
        assertThat(mac(burst[0], 6)).isEqualTo(OWN);
        burst[0].free();
    }

    @Test
    void l3fwdDropsWhatItHasNoRouteForOrWhoseTtlRunsOut() {
        Mbuf[] burst = {frame(OWN, PEER, 0xc0a8_0001, 64), frame(OWN, PEER, 0x0a00_0002, 1), frame(OWN, PEER, 0x0a00_0003, 9)};
        int out = GuestApp.of(GuestSpec.App.L3FWD, OWN, 0).handle(burst, 3, drops);
        assertThat(out).isEqualTo(1);
        assertThat(ttl(burst[0])).isEqualTo(8); // the routed one moved to the front
        assertThat(drops.nonZero()).containsEntry("no_route", 1L).containsEntry("ttl_exceeded", 1L);
        burst[0].free();
        assertThat(pool.availableCount()).isEqualTo(64);
    }

    @Test
    void l3fwdDropsAFrameThatIsNotIpv4AsMalformed() {
        Mbuf m = frame(OWN, PEER, 0x0a00_0002, 64);
        m.buffer().set(GuestApp.BE_SHORT, m.dataOffset() + 12, (short) 0x86dd);
        int out = GuestApp.of(GuestSpec.App.L3FWD, OWN, 0).handle(new Mbuf[] {m}, 1, drops);
        assertThat(out).isZero();
        assertThat(drops.nonZero()).containsEntry("malformed", 1L);
    }

    @Test
    void rxonlyConsumesEveryFrame() {
        Mbuf[] burst = {frame(OWN, PEER, 0x0a00_0002, 64), frame(OWN, PEER, 0x0a00_0002, 64)};
        assertThat(GuestApp.of(GuestSpec.App.RXONLY, OWN, 0).handle(burst, 2, drops)).isZero();
        assertThat(pool.availableCount()).isEqualTo(64);
    }
}
