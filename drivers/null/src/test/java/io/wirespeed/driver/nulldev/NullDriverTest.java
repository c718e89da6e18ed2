package io.wirespeed.driver.nulldev;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NullDriverTest {
    private final DriverRegistry registry = DriverRegistry.load();
    private Mempool pool;
    private Port port;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        pool = Mempool.builder("null-test", 512).cacheSize(0).hugePages(false).build();
    }

    @AfterEach
    void tearDown() {
        if (port != null) {
            port.close();
        }
        pool.close();
    }

    private Port open(String devargs) {
        port = registry.open(0, devargs);
        port.configure(1, 1, PortConf.defaults());
        port.rxQueueSetup(0, 512, pool);
        port.txQueueSetup(0, 512);
        port.start();
        return port;
    }

    @Test
    void receivesPacketsOfTheConfiguredSizeFromThePool() {
        open("net_null0,size=128");
        Mbuf[] burst = new Mbuf[32];
        assertThat(port.rxBurst(0, burst, 0, 32)).isEqualTo(32);
        assertThat(burst[31].packetLength()).isEqualTo(128);
        assertThat(burst[31].port()).isZero();
        assertThat(pool.inUseCount()).isEqualTo(32);
        assertThat(port.txBurst(0, burst, 0, 32)).isEqualTo(32);
        assertThat(pool.inUseCount()).isZero();
        PortStats s = port.stats();
        assertThat(s.ipackets()).isEqualTo(32);
        assertThat(s.ibytes()).isEqualTo(32 * 128);
        assertThat(s.opackets()).isEqualTo(32);
        assertThat(s.obytes()).isEqualTo(32 * 128);
    }

    @Test
    void copyModeWritesTheBytesOfEveryPacket() {
        open("net_null0,copy=1");
        Mbuf[] burst = new Mbuf[4];
        Mbuf[] mine = new Mbuf[4];
        // Dirty the buffers first so that a copy that did not happen would show.
        pool.allocBulk(mine, 0, 4);
        for (Mbuf m : mine) {
            m.buffer().fill((byte) 0x5a);
        }
        Mbuf.freeBulk(mine, 0, 4);
        port.rxBurst(0, burst, 0, 4);
        for (Mbuf m : burst) {
            assertThat(m.buffer().get(JAVA_BYTE, m.dataOffset() + 10)).isZero();
        }
        port.txBurst(0, burst, 0, 4);
    }

    @Test
    void emptyPoolIsCountedAsRxNombuf() {
        open("net_null0");
        Mbuf[] all = new Mbuf[512];
        assertThat(pool.allocBulk(all, 0, 512)).isEqualTo(512);
        assertThat(port.rxBurst(0, new Mbuf[32], 0, 32)).isZero();
        assertThat(port.stats().rxNombuf()).isEqualTo(32);
        Mbuf.freeBulk(all, 0, 512);
    }

    @Test
    void noRxReceivesNothing() {
        open("net_null0,no-rx=1");
        assertThat(port.rxBurst(0, new Mbuf[32], 0, 32)).isZero();
    }

    @Test
    void packetLargerThanTheDataRoomIsRefusedAtSetUp() {
        port = registry.open(0, "net_null0,size=4000");
        port.configure(1, 1, PortConf.defaults());
        assertThatThrownBy(() -> port.rxQueueSetup(0, 512, pool))
                .hasMessage("net_null0: size=4000 exceeds the 2048-byte data room of mempool null-test");
    }

    @Test
    void unknownKeyListsTheValidOnes() {
        assertThatThrownBy(() -> registry.open(0, "net_null0,sise=64"))
                .hasMessage("net_null0: unknown key 'sise' (valid keys: copy, no-rx, size)");
    }

    @Test
    void registryFindsTheDriverThroughTheServiceFile() {
        assertThat(registry.driverFor("net_null7").name()).isEqualTo("net_null");
    }
}
