package io.wirespeed.driver.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.ethdev.XStat;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.Sockets;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Netns;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AfPacketReceiveTest {
    @BeforeEach
    void quiet() {
        Log.quiet(true);
    }

    @Test
    void frameSentIntoThePeerArrivesWithExactBytes() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            Port b = v.onB("");
            byte[] frame = TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 1234, 5678, 100, (byte) 0x5a);
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, frame, 1));
            List<byte[]> got = VethPorts.receive(a, 0, 1, 20);
            assertThat(got).hasSize(1);
            assertThat(got.get(0)).isEqualTo(frame);
            assertThat(a.stats().ipackets()).isEqualTo(1);
            assertThat(a.stats().ibytes()).isEqualTo(100);
        }
    }

    @Test
    void framesArriveInOrderAcrossManyBlocks() {
        try (VethPorts v = new VethPorts()) {
            // 4 KiB blocks hold ~28 small frames: 2000 frames cross many blocks and wrap the ring.
            Port a = v.onA("blocksz=4096,framesz=2048,framecnt=64");
            Port b = v.onB("");
            int next = 0;
            int total = 2000;
            List<byte[]> got = new java.util.ArrayList<>();
            Mbuf[] one = new Mbuf[32];
            while (next < total) {
                int n = Math.min(32, total - next);
                for (int i = 0; i < n; i++) {
                    one[i] = v.pool.alloc();
                    one[i].write(TestFrames.experiment(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, next++, 64));
                }
                VethPorts.sendAll(b, Arrays.copyOf(one, n));
                got.addAll(drain(a));
            }
            got.addAll(VethPorts.receive(a, 0, total - got.size(), 20));
            assertThat(got).hasSize(total);
            for (int i = 0; i < total; i++) {
                assertThat(java.nio.ByteBuffer.wrap(got.get(i)).getInt(14)).isEqualTo(i);
            }
        }
    }

    private static List<byte[]> drain(Port port) {
        List<byte[]> got = new java.util.ArrayList<>();
        Mbuf[] burst = new Mbuf[32];
        int n;
        while ((n = port.rxBurst(0, burst, 0, 32)) > 0) {
            for (int i = 0; i < n; i++) {
                got.add(burst[i].toByteArray());
            }
            Mbuf.freeBulk(burst, 0, n);
        }
        return got;
    }

    @Test
    void receivesWhatTheKernelSendsFromAPeerNamespace() {
        Host.requireTools("ping");
        try (VethPorts v = new VethPorts(); Netns ns = Netns.create()) {
            v.veth.moveB(ns);
            ns.exec("ip", "addr", "add", "10.213.7.2/24", "dev", v.veth.b());
            Port a = v.onA("");
            Host.runAllowingFailure(ns.inside("ping", "-c", "1", "-W", "1", "10.213.7.1"), 10);
            // Nobody answers on a: the kernel in ns broadcasts ARP requests for 10.213.7.1.
            List<byte[]> got = VethPorts.receive(a, 0, 1, 20);
            assertThat(got).isNotEmpty();
            byte[] arp = got.get(0);
            assertThat(arp.length).isGreaterThanOrEqualTo(42);
            assertThat(Arrays.copyOfRange(arp, 0, 6)).containsOnly((byte) 0xff);
            assertThat(Arrays.copyOfRange(arp, 12, 14)).containsExactly(0x08, 0x06);
            assertThat(Arrays.copyOfRange(arp, 28, 32)).containsExactly(10, (byte) 213, 7, 2);   // sender IP
            assertThat(Arrays.copyOfRange(arp, 38, 42)).containsExactly(10, (byte) 213, 7, 1);   // target IP
        }
    }

    @Test
    void vlanTagTheKernelTookOutIsPutBackIntoTheFrame() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            Port b = v.onB("");
            byte[] inner = TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 1, 2, 96, (byte) 7);
            byte[] tagged = new byte[inner.length + 4];
            System.arraycopy(inner, 0, tagged, 0, 12);
            tagged[12] = (byte) 0x81;
            tagged[13] = 0x00;
            tagged[14] = (byte) 0xa1; // PCP 5, VID 0x123
            tagged[15] = 0x23;
            System.arraycopy(inner, 12, tagged, 16, inner.length - 12);
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, tagged, 1));
            List<byte[]> got = VethPorts.receive(a, 0, 1, 20);
            assertThat(got).hasSize(1);
            assertThat(got.get(0)).isEqualTo(tagged);
        }
    }

    @Test
    void frameLongerThanOneMbufArrivesAsAChainAndLeavesWhole() {
        try (VethPorts v = new VethPorts()) {
            Host.run("ip", "link", "set", v.veth.a(), "mtu", "9000");
            Host.run("ip", "link", "set", v.veth.b(), "mtu", "9000");
            Port a = v.onA("framesz=8192,blocksz=65536,framecnt=64");
            Port b = v.onB("framesz=8192,blocksz=65536,framecnt=64");
            byte[] jumbo = TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 1, 2, 5000, (byte) 0x33);
            for (int i = 42; i < jumbo.length; i++) {
                jumbo[i] = (byte) (i * 7);
            }
            Mbuf head = v.pool.alloc();
            head.write(Arrays.copyOf(jumbo, 2000));
            for (int at = 2000; at < jumbo.length; at += 2000) {
                Mbuf seg = v.pool.alloc();
                seg.write(Arrays.copyOfRange(jumbo, at, Math.min(jumbo.length, at + 2000)));
                head.chain(seg);
            }
            VethPorts.sendAll(b, new Mbuf[] {head});
            Mbuf[] burst = new Mbuf[1];
            long deadline = System.nanoTime() + 3_000_000_000L;
            int n = 0;
            while (n == 0 && System.nanoTime() < deadline) {
                n = a.rxBurst(0, burst, 0, 1);
            }
            assertThat(n).isEqualTo(1);
            assertThat(burst[0].segmentCount()).isEqualTo(3); // 2048-byte data rooms
            assertThat(burst[0].toByteArray()).isEqualTo(jumbo);
            burst[0].free();
        }
    }

    @Test
    void withoutPromiscuousFramesForOtherHostsAreDroppedAndCounted() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.open("iface=" + v.veth.a(), 1, new PortConf(1500, false));
            Port b = v.onB("");
            byte[] mine = TestFrames.udp(hex(a.macAddress().bits()), TestFrames.PEER_MAC, 1, 2, 60, (byte) 1);
            byte[] other = TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 1, 2, 60, (byte) 2);
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, other, 3));
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, mine, 2));
            List<byte[]> got = VethPorts.receive(a, 0, 2, 50);
            assertThat(got).hasSize(2).allSatisfy(f -> assertThat(f).isEqualTo(mine));
            assertThat(xstat(a, "rx_q0_filtered_other_host")).isEqualTo(3);

            a.promiscuous(true);
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, other, 3));
            assertThat(VethPorts.receive(a, 0, 3, 50)).hasSize(3);
        }
    }

    @Test
    void promiscuousModeRaisesTheInterfaceFlagUntilTurnedOffOrClosed() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.open("iface=" + v.veth.a(), 1, new PortConf(1500, false));
            assertThat(promiscFlag(v.veth.a())).isFalse();
            a.promiscuous(true);
            assertThat(promiscFlag(v.veth.a())).isTrue();
            a.promiscuous(false);
            assertThat(promiscFlag(v.veth.a())).isFalse();
            a.promiscuous(true);
            a.close();
            assertThat(promiscFlag(v.veth.a())).isFalse();
        }
    }

    private static boolean promiscFlag(String iface) {
        String flags = Host.run("cat", "/sys/class/net/" + iface + "/flags").strip();
        return (Integer.decode(flags) & 0x100) != 0;
    }

    @Test
    void kernelDropsAppearAsImissedWhenNobodyPolls() {
        try (VethPorts v = new VethPorts()) {
            // Two 4 KiB blocks: about 56 small frames fit, the rest the kernel drops.
            Port a = v.onA("blocksz=4096,framesz=2048,framecnt=4");
            Port b = v.onB("");
            int sent = 1000;
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 1, 2, 60,
                    (byte) 0), sent));
            List<byte[]> got = VethPorts.receive(a, 0, sent, 50);
            PortStats s = a.stats();
            assertThat(s.imissed()).isPositive();
            assertThat(s.ipackets()).isEqualTo(got.size()).isPositive();
            assertThat(s.ipackets() + s.imissed()).isEqualTo(sent);
            assertThat(xstat(a, "rx_q0_ring_freezes")).isPositive();
        }
    }

    @Test
    void statsAgreeWithTheInterfaceCounters() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            Port b = v.onB("");
            long rx0 = InterfaceFacts.statistic(v.veth.a(), "rx_packets");
            long rxBytes0 = InterfaceFacts.statistic(v.veth.a(), "rx_bytes");
            long tx0 = InterfaceFacts.statistic(v.veth.a(), "tx_packets");
            long txBytes0 = InterfaceFacts.statistic(v.veth.a(), "tx_bytes");
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 1, 2, 90,
                    (byte) 0), 300));
            VethPorts.receive(a, 0, 300, 50);
            VethPorts.sendAll(a, TestFrames.mbufs(v.pool, TestFrames.udp(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 2, 70,
                    (byte) 0), 200));
            PortStats s = a.stats();
            assertThat(s.ipackets()).isEqualTo(300).isEqualTo(InterfaceFacts.statistic(v.veth.a(), "rx_packets") - rx0);
            assertThat(s.ibytes()).isEqualTo(300 * 90).isEqualTo(InterfaceFacts.statistic(v.veth.a(), "rx_bytes") - rxBytes0);
            assertThat(s.opackets()).isEqualTo(200).isEqualTo(InterfaceFacts.statistic(v.veth.a(), "tx_packets") - tx0);
            assertThat(s.obytes()).isEqualTo(200 * 70).isEqualTo(InterfaceFacts.statistic(v.veth.a(), "tx_bytes") - txBytes0);
            assertThat(s.imissed()).isZero();
            assertThat(s.ierrors()).isZero();
            assertThat(s.oerrors()).isZero();
        }
    }

    @Test
    void interruptFdTurnsReadableWhenABlockIsReady() {
        try (VethPorts v = new VethPorts(); Arena arena = Arena.ofConfined()) {
            Port a = v.onA("blocktmo=5");
            Port b = v.onB("");
            MemorySegment pfd = arena.allocate(8, 4);
            pfd.set(ValueLayout.JAVA_INT, 0, a.rxQueue(0).interruptFd());
            pfd.set(ValueLayout.JAVA_SHORT, 4, Sockets.POLLIN);
            assertThat(Sockets.poll(pfd, 1, 50)).isZero();
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 1, 2, 60,
                    (byte) 0), 1));
            assertThat(Sockets.poll(pfd, 1, 2000)).isEqualTo(1);
            assertThat(pfd.get(ValueLayout.JAVA_SHORT, 6) & Sockets.POLLIN).isEqualTo(Sockets.POLLIN);
            assertThat(VethPorts.receive(a, 0, 1, 0)).hasSize(1);
        }
    }

    static long xstat(Port port, String name) {
        return port.xstats().stream().filter(x -> x.name().equals(name)).mapToLong(XStat::value).findFirst()
                .orElseThrow(() -> new AssertionError("no xstat " + name));
    }

    static byte[] hex(long mac) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (mac >>> (8 * (5 - i)));
        }
        return b;
    }
}
