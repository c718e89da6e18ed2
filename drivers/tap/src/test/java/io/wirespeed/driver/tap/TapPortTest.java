package io.wirespeed.driver.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.NetInterfaces;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tap port's life and its transmit side, against the kernel's own counters. Needs root. */
class TapPortTest {
    private Mempool pool;

    @BeforeEach
    void setUp() {
        Host.requireRoot();
        Log.quiet(true);
        pool = Mempool.builder("tap-test", 2048).cacheSize(0).hugePages(false).build();
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            assertThat(pool.inUseCount()).as("mbufs not returned to the pool").isZero();
            pool.close();
        }
    }

    @Test
    void createsTheInterfaceWhenAbsentAndRemovesItOnClose() {
        String iface = Names.unique() + "t";
        try (Port port = TapPorts.open("net_tap0,iface=" + iface, 1, pool)) {
            assertThat(NetInterfaces.exists(iface)).isTrue();
            assertThat(flags(iface) & 1).as("IFF_UP after start").isEqualTo(1);
        }
        assertThat(NetInterfaces.exists(iface)).isFalse();
    }

    @Test
    void letsTheKernelNameTheInterfaceByDefault() throws Exception {
        try (Port port = TapPorts.open("net_tap0", 1, pool)) {
            String name = ((TapBackend) port.backend()).interfaceName();
            assertThat(name).matches("dtap[0-9]+");
            assertThat(NetInterfaces.exists(name)).isTrue();
        }
    }

    @Test
    void attachesToAnExistingTapAndLeavesItOnClose() {
        Host.requireTools("ip");
        String iface = Names.unique() + "t";
        Host.run("ip", "tuntap", "add", "mode", "tap", "name", iface, "multi_queue");
        try {
            try (Port port = TapPorts.open("net_tap0,iface=" + iface, 2, pool)) {
                assertThat(port.rxQueueCount()).isEqualTo(2);
            }
            assertThat(NetInterfaces.exists(iface)).isTrue();
        } finally {
            Host.runAllowingFailure(List.of("ip", "link", "del", iface), 30);
        }
    }

    @Test
    void framesThePortSendsAreReceivedByTheKernel() {
        String iface = Names.unique() + "t";
        try (Port port = TapPorts.open("net_tap0,iface=" + iface, 1, pool)) {
            long before = NetInterfaces.statistic(iface, "rx_packets");
            byte[] frame = EtherFrames.frame(EtherFrames.BROADCAST, 0x02_00_00_00_00_01L, EtherFrames.TYPE_EXPERIMENTAL, 60);

            assertThat(TapPorts.send(port, pool, frame, 10)).isEqualTo(10);

            assertThat(NetInterfaces.statistic(iface, "rx_packets") - before).isEqualTo(10);
            PortStats s = port.stats();
            assertThat(s.opackets()).isEqualTo(10);
            assertThat(s.obytes()).isEqualTo(600);
            assertThat(s.oerrors()).isZero();
        }
    }

    @Test
    void aFrameShorterThanAnEthernetHeaderIsCountedAsAnOutputErrorAndFreed() {
        try (Port port = TapPorts.open("net_tap0,iface=" + Names.unique() + "t", 1, pool)) {
            assertThat(TapPorts.send(port, pool, new byte[10], 1)).isEqualTo(1);

            assertThat(port.stats().oerrors()).isEqualTo(1);
            assertThat(port.stats().opackets()).isZero();
        }
    }

    @Test
    void theMacKeySetsTheInterfacesAddressWhichIsThePortsAddress() throws Exception {
        String iface = Names.unique() + "t";
        try (Port port = TapPorts.open("net_tap0,iface=" + iface + ",mac=02:00:00:aa:bb:cc", 1, pool)) {
            assertThat(port.macAddress()).isEqualTo(MacAddress.parse("02:00:00:aa:bb:cc"));
            assertThat(address(iface)).isEqualTo("02:00:00:aa:bb:cc");
        }
    }

    @Test
    void macFixedIsDpdksDtapAddressNumberedByTheDevice() throws Exception {
        String iface = Names.unique() + "t";
        try (Port port = TapPorts.open("net_tap3,iface=" + iface + ",mac=fixed", 1, pool)) {
            assertThat(address(iface)).isEqualTo("02:64:74:61:70:03");
        }
    }

    @Test
    void changingThePortsMacChangesTheInterfaces() throws Exception {
        String iface = Names.unique() + "t";
        try (Port port = TapPorts.open("net_tap0,iface=" + iface, 1, pool)) {
            port.macAddress(MacAddress.parse("02:00:00:00:12:34"));
            assertThat(address(iface)).isEqualTo("02:00:00:00:12:34");
        }
    }

    /**
     * Nothing is sent into the tap but what the kernel itself sends when the link comes up (IPv6
     * router solicitations and MLD reports, all to multicast groups): the queue takes those and
     * holds no more than one burst of mbufs while idle.
     */
    @Test
    void anIdleQueueReceivesOnlyTheKernelsOwnMulticastAndKeepsNoMoreThanABurstOfMbufs() {
        try (Port port = TapPorts.open("net_tap0,iface=" + Names.unique() + "t", 1, pool)) {
            Mbuf[] burst = new Mbuf[32];
            for (int i = 0; i < 100; i++) {
                int n = port.rxBurst(0, burst, 0, 32);
                for (int k = 0; k < n; k++) {
                    assertThat(burst[k].toByteArray()[0] & 1).as("a multicast destination").isEqualTo(1);
                }
                Mbuf.freeBulk(burst, 0, n);
            }
            assertThat(pool.inUseCount()).isLessThanOrEqualTo(32);
            assertThat(port.stats().ierrors()).isZero();
        }
    }

    private static String address(String iface) throws Exception {
        return Files.readString(Path.of("/sys/class/net", iface, "address")).strip();
    }

    private static int flags(String iface) {
        try {
            return Integer.decode(Files.readString(Path.of("/sys/class/net", iface, "flags")).strip());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
