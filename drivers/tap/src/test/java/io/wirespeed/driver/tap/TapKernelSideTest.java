package io.wirespeed.driver.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Names;
import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port against the kernel's network stack at the other end of the tap, which sits in a
 * namespace of its own with 10.98.1.1/24. Needs root, ip and ping.
 */
class TapKernelSideTest {
    private static final String KERNEL_IP = "10.98.1.1";
    private static final String PORT_IP = "10.98.1.2";
    private static final long PORT_HOST_MAC = 0x02_00_00_00_0b_02L;

    private Mempool pool;

    @BeforeEach
    void setUp() {
        Host.requireRoot();
        Host.requireTools("ip", "ping");
        Log.quiet(true);
        pool = Mempool.builder("tap-kernel", 4096).cacheSize(0).dataRoom(2048).hugePages(false).build();
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            assertThat(pool.inUseCount()).as("mbufs not returned to the pool").isZero();
            pool.close();
        }
    }

    @Test
    void aPingFromTheKernelIsAnsweredThroughThePort() throws Exception {
        String iface = Names.unique() + "t";
        try (Port port = TapPorts.open("net_tap0,iface=" + iface, 1, pool);
             KernelSide kernel = KernelSide.of(iface, KERNEL_IP + "/24")) {
            // The port plays host 10.98.1.2: it answers the kernel's ARP request and its echo requests.
            Process ping = new ProcessBuilder(kernel.inside("ping", "-c", "3", "-i", "0.2", "-W", "2", PORT_IP))
                    .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
            int arpRequests = 0;
            int echoRequests = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Mbuf[] burst = new Mbuf[32];
            while (ping.isAlive() && System.nanoTime() < deadline) {
                int n = port.rxBurst(0, burst, 0, 32);
                for (int i = 0; i < n; i++) {
                    byte[] f = burst[i].toByteArray();
                    if (EtherFrames.isArpRequestFor(f, EtherFrames.ip(PORT_IP))) {
                        arpRequests++;
                        TapPorts.send(port, pool, EtherFrames.arpReply(f, PORT_HOST_MAC, EtherFrames.ip(PORT_IP)), 1);
                    } else if (EtherFrames.isEchoRequestTo(f, EtherFrames.ip(PORT_IP))) {
                        echoRequests++;
                        TapPorts.send(port, pool, EtherFrames.echoReply(f), 1);
                    }
                }
                Mbuf.freeBulk(burst, 0, n);
                Thread.sleep(1);
            }
            boolean finished = ping.waitFor(5, TimeUnit.SECONDS);
            if (!finished) {
                ping.destroyForcibly();
            }

            assertThat(arpRequests).as("ARP requests the port received").isGreaterThanOrEqualTo(1);
            assertThat(echoRequests).as("echo requests the port received").isEqualTo(3);
            assertThat(finished && ping.exitValue() == 0).as("ping got its 3 replies").isTrue();
            PortStats s = port.stats();
            assertThat(s.ipackets()).isGreaterThanOrEqualTo(4);
            assertThat(s.opackets()).isEqualTo(arpRequests + 3L);
            assertThat(kernel.counter("rx_packets")).as("the kernel's count of what the port sent").isEqualTo(s.opackets());
        }
    }

    @Test
    void theKernelsFlowsAreSpreadOverTheQueuesAndAllArrive() {
        Host.requireTools("bash");
        String iface = Names.unique() + "t";
        int flows = 64;
        try (Port port = TapPorts.open("net_tap0,iface=" + iface, 2, pool);
             KernelSide kernel = KernelSide.of(iface, KERNEL_IP + "/24").neighbour(PORT_IP, "02:00:00:00:0b:02")) {
            kernel.run(30, "bash", "-c", "for p in $(seq 20000 " + (20000 + flows - 1) + "); do echo x > /dev/udp/"
                    + PORT_IP + "/$p; done");

            List<byte[]> q0 = udpTo(TapPorts.drain(port, 0));
            List<byte[]> q1 = udpTo(TapPorts.drain(port, 1));

            assertThat(q0.size() + q1.size()).isEqualTo(flows);
            assertThat(q0).as("frames on queue 0").isNotEmpty();
            assertThat(q1).as("frames on queue 1").isNotEmpty();
            PortStats s = port.stats();
            assertThat(s.qIpackets()[0] + s.qIpackets()[1]).isEqualTo(s.ipackets());
        }
    }

    @Test
    void aFrameLongerThanTheMbufRoomIsCountedAsAnInputErrorNotDelivered() {
        try (Mempool small = Mempool.builder("tap-small", 512).cacheSize(0).dataRoom(256).hugePages(false).build()) {
            String iface = Names.unique() + "t";
            try (Port port = TapPorts.open("net_tap0,iface=" + iface, 1, small);
                 KernelSide kernel = KernelSide.of(iface, KERNEL_IP + "/24").neighbour(PORT_IP, "02:00:00:00:0b:02")) {
                kernel.run(10, "ping", "-c", "1", "-W", "1", "-s", "600", PORT_IP);
                kernel.run(10, "ping", "-c", "1", "-W", "1", "-s", "100", PORT_IP);

                List<byte[]> echoes = TapPorts.drain(port, 0).stream()
                        .filter(f -> EtherFrames.isEchoRequestTo(f, EtherFrames.ip(PORT_IP))).toList();

                assertThat(echoes).hasSize(1);
                assertThat(echoes.getFirst()).hasSize(14 + 20 + 8 + 100);
                assertThat(port.stats().ierrors()).isEqualTo(1);
            }
            assertThat(small.inUseCount()).isZero();
        }
    }

    @Test
    void framesTheKernelCouldNotQueueForThePortAreCountedAsMissed() {
        Host.requireTools("bash");
        String iface = Names.unique() + "t";
        try (Port port = TapPorts.open("net_tap0,iface=" + iface, 1, pool)) {
            // tx_dropped is read from this namespace's /sys/class/net, so the kernel side stays here.
            Host.run("ip", "link", "set", iface, "txqueuelen", "10");
            Host.run("ip", "neigh", "replace", PORT_IP, "lladdr", "02:00:00:00:0b:02", "dev", iface, "nud", "permanent");
            try {
                Host.run("ip", "addr", "add", KERNEL_IP + "/32", "dev", iface);
                Host.run("ip", "route", "add", PORT_IP + "/32", "dev", iface);
                Host.runAllowingFailure(List.of("bash", "-c", "for p in $(seq 1 50); do echo x > /dev/udp/" + PORT_IP
                        + "/$p; done"), 30);

                int received = TapPorts.drain(port, 0).size();

                PortStats s = port.stats();
                assertThat(s.imissed()).as("dropped by the kernel's full tap queue").isGreaterThan(0);
                assertThat(received + s.imissed()).isGreaterThanOrEqualTo(50);
            } finally {
                Host.runAllowingFailure(List.of("ip", "addr", "del", KERNEL_IP + "/32", "dev", iface), 10);
            }
        }
    }

    private static List<byte[]> udpTo(List<byte[]> frames) {
        return frames.stream().filter(f -> EtherFrames.etherType(f) == EtherFrames.TYPE_IPV4 && f[23] == 17
                && EtherFrames.ipv4(f, 30) == EtherFrames.ip(PORT_IP)).toList();
    }
}
