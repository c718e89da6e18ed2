package io.wirespeed.driver.afpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.LinkStatus;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AfPacketDevargsTest {
    private final DriverRegistry registry = DriverRegistry.load();

    @BeforeEach
    void quiet() {
        Log.quiet(true);
    }

    private void fails(String devargs, String message) {
        assertThatThrownBy(() -> registry.open(0, devargs).close())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void registryFindsTheDriverThroughTheServiceFile() {
        assertThat(registry.driverFor("net_af_packet0").name()).isEqualTo("net_af_packet");
    }

    @Test
    void ifaceIsRequired() {
        fails("net_af_packet0", "net_af_packet0: key 'iface' is required");
    }

    @Test
    void missingInterfaceIsNamedWithTheOnesThatExist() {
        assertThatThrownBy(() -> registry.open(0, "net_af_packet0,iface=nosuch0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("net_af_packet0: interface 'nosuch0' does not exist (interfaces here: ")
                .hasMessageContaining("lo");
    }

    @Test
    void frameSizeMustBeAMultipleOf16() {
        fails("net_af_packet0,iface=lo,framesz=2008", "net_af_packet0: framesz=2008 must be a multiple of 16 (TPACKET_ALIGNMENT)");
    }

    @Test
    void frameSizeHasAMinimum() {
        fails("net_af_packet0,iface=lo,framesz=64", "net_af_packet0: framesz=64 must be at least 128");
    }

    @Test
    void blockSizeMustBeAMultipleOfThePageSize() {
        fails("net_af_packet0,iface=lo,blocksz=5000", "net_af_packet0: blocksz=5000 must be a multiple of the page size ("
                + AfPacketDriver.pageSize() + ")");
    }

    @Test
    void blockSizeMustBeAMultipleOfTheFrameSize() {
        fails("net_af_packet0,iface=lo,blocksz=4096,framesz=3072", "net_af_packet0: blocksz=4096 must be a multiple of framesz=3072");
    }

    @Test
    void frameCountMustFillWholeBlocks() {
        fails("net_af_packet0,iface=lo,blocksz=4096,framesz=2048,framecnt=3",
                "net_af_packet0: framecnt=3 must be a multiple of blocksz/framesz=2 (the frames in one block)");
    }

    @Test
    void ringsAboveOneGibibyteAreRefused() {
        fails("net_af_packet0,iface=lo,framesz=65536,blocksz=65536,framecnt=32768",
                "net_af_packet0: framecnt*framesz=2147483648 bytes per ring exceeds 1073741824 (1 GiB)");
    }

    @Test
    void unknownFanoutModeListsTheValidOnes() {
        fails("net_af_packet0,iface=lo,fanout_mode=hashy",
                "net_af_packet0: fanout_mode=hashy is not a fanout mode (valid: hash, lb, cpu, rollover, rnd, qm)");
    }

    @Test
    void qpairsIsBounded() {
        fails("net_af_packet0,iface=lo,qpairs=17", "net_af_packet0: qpairs=17 is out of range 1..16");
    }

    @Test
    void unknownKeyListsTheValidOnes() {
        fails("net_af_packet0,iface=lo,frame_size=2048", "net_af_packet0: unknown key 'frame_size' (valid keys: blocksz, blocktmo, "
                + "fanout_mode, framecnt, framesz, iface, qdisc_bypass, qpairs)");
    }

    @Test
    void noPermissionSaysWhichCapabilityIsMissing() {
        assertThat(PacketSocket.socketFailure("net_af_packet3", Errno.EPERM)).isEqualTo(
                "net_af_packet3: a packet socket needs CAP_NET_RAW (run as root, or: setcap cap_net_raw+ep $(readlink -f $JAVA_HOME/bin/java))");
        assertThat(PacketSocket.socketFailure("net_af_packet3", Errno.EACCES)).contains("needs CAP_NET_RAW");
    }

    @Test
    void openingWithoutCapNetRawFailsWithThatLine() throws Exception {
        Host.requireRoot();
        Throwable[] failure = new Throwable[1];
        // Capabilities belong to a thread: this one drops CAP_NET_RAW, the rest of the JVM keeps it.
        Thread t = new Thread(() -> {
            Capabilities.dropFromThisThread(Capabilities.CAP_NET_RAW);
            try {
                registry.open(0, "net_af_packet0,iface=lo").close();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        assertThat(failure[0]).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "net_af_packet0: a packet socket needs CAP_NET_RAW (run as root, or: setcap cap_net_raw+ep $(readlink -f $JAVA_HOME/bin/java))");
    }

    @Test
    void fewerRxQueuesThanQpairsIsRefusedAtConfigure() {
        Host.requireRoot();
        try (Port port = registry.open(0, "net_af_packet0,iface=lo,qpairs=2")) {
            assertThatThrownBy(() -> port.configure(1, 1, PortConf.defaults()))
                    .hasMessage("net_af_packet0: qpairs=2 needs 2 rx queues (configured 1): configure 2 (testpmd: --rxq 2 --txq 2) or set qpairs=1");
        }
    }

    @Test
    void macAddressAndLinkComeFromTheInterface() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            String sysMac = Host.run("cat", "/sys/class/net/" + v.veth.a() + "/address").strip();
            assertThat(a.macAddress().toString()).isEqualTo(sysMac);
            LinkStatus link = a.link();
            assertThat(link.up()).isTrue();
            assertThat(link.speedMbps()).isEqualTo(10_000); // what veth reports
            Host.run("ip", "link", "set", v.veth.b(), "down");
            assertThat(a.link().up()).isFalse();
        }
    }
}
