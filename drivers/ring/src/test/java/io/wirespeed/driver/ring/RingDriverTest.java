package io.wirespeed.driver.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.ring.Ring;
import io.wirespeed.ring.SyncMode;
import io.wirespeed.sys.Log;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RingDriverTest {
    private final DriverRegistry registry = DriverRegistry.load();
    private final List<Port> ports = new ArrayList<>();
    private final String unique = "t" + System.nanoTime();
    private Mempool pool;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        pool = Mempool.builder("ring-test", 256).cacheSize(0).hugePages(false).build();
    }

    @AfterEach
    void tearDown() {
        ports.forEach(Port::close);
        pool.close();
    }

    private Port open(int id, String devargs) {
        Port p = registry.open(id, devargs);
        ports.add(p);
        p.configure(1, 1, PortConf.defaults());
        p.rxQueueSetup(0, 64, pool);
        p.txQueueSetup(0, 64);
        p.start();
        return p;
    }

    private Mbuf[] packets(int n, int length) {
        Mbuf[] burst = new Mbuf[n];
        pool.allocBulk(burst, 0, n);
        for (Mbuf m : burst) {
            m.length(length);
        }
        return burst;
    }

    @Test
    void portWithoutNamesLoopsBackToItself() {
        Port p = open(0, "net_ring_" + unique);
        Mbuf[] sent = packets(8, 60);
        assertThat(p.txBurst(0, sent, 0, 8)).isEqualTo(8);
        Mbuf[] got = new Mbuf[32];
        assertThat(p.rxBurst(0, got, 0, 32)).isEqualTo(8);
        assertThat(got[0]).isSameAs(sent[0]);
        assertThat(p.stats().ibytes()).isEqualTo(8 * 60);
        Mbuf.freeBulk(got, 0, 8);
    }

    @Test
    void crossConnectedPortsReceiveWhatTheOtherSends() {
        Port a = open(0, "net_ring0,rx=" + unique + "a,tx=" + unique + "b");
        Port b = open(1, "net_ring1,rx=" + unique + "b,tx=" + unique + "a");
        Mbuf[] burst = packets(4, 100);
        a.txBurst(0, burst, 0, 4);
        Mbuf[] got = new Mbuf[8];
        assertThat(a.rxBurst(0, got, 0, 8)).isZero();
        assertThat(b.rxBurst(0, got, 0, 8)).isEqualTo(4);
        assertThat(b.txBurst(0, got, 0, 4)).isEqualTo(4);
        assertThat(a.rxBurst(0, got, 0, 8)).isEqualTo(4);
        Mbuf.freeBulk(got, 0, 4);
    }

    @Test
    void fullRingTakesWhatFitsAndCountsTheRest() {
        Port p = open(0, "net_ring_" + unique + ",size=16");
        Mbuf[] burst = packets(20, 60);
        assertThat(p.txBurst(0, burst, 0, 20)).isEqualTo(16);
        assertThat(p.stats().oerrors()).isEqualTo(4);
        assertThat(p.stats().opackets()).isEqualTo(16);
        Mbuf.freeBulk(burst, 16, 4);
    }

    @Test
    void closingFreesPacketsLeftInTheRing() {
        Port p = open(0, "net_ring_" + unique);
        p.txBurst(0, packets(10, 60), 0, 10);
        assertThat(pool.inUseCount()).isEqualTo(10);
        p.close();
        assertThat(pool.inUseCount()).isZero();
    }

    @Test
    void ringSizeMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> registry.open(0, "net_ring0,size=1000"))
                .hasMessage("net_ring0: ring size=1000 is not a power of two (try 1024)");
    }

    @Test
    void secondFeederOfARingIsRefused() {
        open(0, "net_ring0,rx=" + unique + "x,tx=" + unique + "shared");
        assertThatThrownBy(() -> open(1, "net_ring1,rx=" + unique + "y,tx=" + unique + "shared"))
                .hasMessage("net_ring1 tx 0: ring '" + unique + "shared-0' is already fed by net_ring0 tx 0");
    }

    @Test
    void portFromApplicationRingsUsesThem() {
        Ring<Mbuf> in = Ring.create("in", 64, SyncMode.SINGLE, SyncMode.SINGLE);
        Ring<Mbuf> out = Ring.create("out", 64, SyncMode.SINGLE, SyncMode.SINGLE);
        Port p = RingPorts.fromRings(0, "app_ring0", List.of(in), List.of(out));
        ports.add(p);
        p.configure(1, 1, PortConf.defaults());
        p.rxQueueSetup(0, 64, pool);
        p.txQueueSetup(0, 64);
        p.start();
        Mbuf[] burst = packets(3, 60);
        in.enqueueBurst(burst, 0, 3);
        Mbuf[] got = new Mbuf[8];
        assertThat(p.rxBurst(0, got, 0, 8)).isEqualTo(3);
        p.txBurst(0, got, 0, 3);
        assertThat(out.count()).isEqualTo(3);
        Mbuf.freeBulk(got, 0, 3);
    }
}
