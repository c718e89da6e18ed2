package io.wirespeed.driver.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AfPacketTransmitTest {
    @BeforeEach
    void quiet() {
        Log.quiet(true);
    }

    @Test
    void burstSentByThePortArrivesAtThePeer() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            long before = InterfaceFacts.statistic(v.veth.b(), "rx_packets");
            Mbuf[] burst = TestFrames.mbufs(v.pool, TestFrames.udp(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 2, 64, (byte) 3), 32);
            assertThat(a.txBurst(0, burst, 0, 32)).isEqualTo(32);
            assertThat(InterfaceFacts.statistic(v.veth.b(), "rx_packets") - before).isEqualTo(32);
            assertThat(a.stats().opackets()).isEqualTo(32);
            assertThat(a.stats().obytes()).isEqualTo(32 * 64);
            assertThat(v.pool.inUseCount()).isZero(); // the port freed what it took
        }
    }

    @Test
    void peerReceivesTheExactBytes() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("qdisc_bypass=1");
            Port b = v.onB("");
            byte[] frame = TestFrames.udp(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 9, 10, 333, (byte) 0x77);
            VethPorts.sendAll(a, TestFrames.mbufs(v.pool, frame, 1));
            List<byte[]> got = VethPorts.receive(b, 0, 1, 20);
            assertThat(got).containsExactly(frame);
        }
    }

    /** Guards the one-socket-per-queue-pair design: a separate sending socket would be seen as outgoing traffic. */
    @Test
    void portDoesNotReceiveItsOwnTransmissions() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            VethPorts.sendAll(a, TestFrames.mbufs(v.pool, TestFrames.experiment(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 60), 50));
            assertThat(VethPorts.receive(a, 0, 0, 300)).isEmpty();
            assertThat(a.stats().ipackets()).isZero();
        }
    }

    @Test
    void portDoesNotReceiveWhatOthersSendOutOfItsInterface() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            Port otherSender = v.onA(""); // a second socket on the same interface, through the qdisc (taps see it)
            Port b = v.onB("");
            VethPorts.sendAll(otherSender, TestFrames.mbufs(v.pool,
                    TestFrames.experiment(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 60), 20));
            assertThat(VethPorts.receive(b, 0, 20, 20)).hasSize(20);
            assertThat(VethPorts.receive(a, 0, 0, 300)).isEmpty();
        }
    }

    @Test
    void framesTheRingHasNoRoomForStayTheCallers() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("blocksz=4096,framesz=2048,framecnt=4");
            long before = InterfaceFacts.statistic(v.veth.b(), "rx_packets");
            // With the interface down the kernel sends nothing: the 4 slots fill and stay requested.
            Host.run("ip", "link", "set", v.veth.a(), "down");
            Mbuf[] burst = TestFrames.mbufs(v.pool, TestFrames.udp(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 2, 64, (byte) 3), 10);
            assertThat(a.txBurst(0, burst, 0, 10)).isEqualTo(4);
            assertThat(a.txBurst(0, burst, 4, 6)).isZero();
            assertThat(v.pool.inUseCount()).isEqualTo(6); // the caller's still
            Host.run("ip", "link", "set", v.veth.a(), "up");
            // The next burst kicks the waiting slots out first, then takes what fits.
            int taken = 0;
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (taken < 6 && System.nanoTime() < deadline) {
                taken += a.txBurst(0, burst, 4 + taken, 6 - taken);
            }
            assertThat(taken).isEqualTo(6);
            assertThat(InterfaceFacts.statistic(v.veth.b(), "rx_packets") - before).isEqualTo(10);
            assertThat(a.stats().opackets()).isEqualTo(10);
            assertThat(a.stats().oerrors()).isZero();
        }
    }

    @Test
    void packetsNoDeviceCouldSendAreTakenAndCountedAsErrors() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            long before = InterfaceFacts.statistic(v.veth.b(), "rx_packets");
            Mbuf runt = v.pool.alloc();
            runt.write(new byte[10]);
            Mbuf overMtu = v.pool.alloc();
            overMtu.write(TestFrames.udp(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 2, 1515, (byte) 0));
            Mbuf fine = v.pool.alloc();
            fine.write(TestFrames.udp(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 2, 1514, (byte) 0));
            Mbuf[] burst = {runt, overMtu, fine};
            assertThat(a.txBurst(0, burst, 0, 3)).isEqualTo(3);
            assertThat(a.stats().oerrors()).isEqualTo(2);
            assertThat(a.stats().opackets()).isEqualTo(1);
            assertThat(InterfaceFacts.statistic(v.veth.b(), "rx_packets") - before).isEqualTo(1);
            assertThat(v.pool.inUseCount()).isZero();
        }
    }

    @Test
    void mbufWhoseLengthsDisagreeIsTakenAndCountedNotSent() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            long before = InterfaceFacts.statistic(v.veth.b(), "rx_packets");
            Mbuf liar = v.pool.alloc();
            liar.write(TestFrames.udp(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 2, 100, (byte) 0));
            liar.packetLength(300); // one segment of 100 bytes claiming a 300-byte packet
            Mbuf shortChain = v.pool.alloc();
            shortChain.write(TestFrames.udp(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 2, 100, (byte) 0));
            Mbuf tail = v.pool.alloc();
            tail.write(new byte[50]);
            shortChain.chain(tail);
            shortChain.packetLength(400); // 150 bytes in the segments
            assertThat(a.txBurst(0, new Mbuf[] {liar, shortChain}, 0, 2)).isEqualTo(2);
            assertThat(a.stats().oerrors()).isEqualTo(2);
            assertThat(a.stats().opackets()).isZero();
            assertThat(InterfaceFacts.statistic(v.veth.b(), "rx_packets")).isEqualTo(before);
            assertThat(v.pool.inUseCount()).isZero();
        }
    }

    @Test
    void vlanTaggedFrameMayExceedTheMtuByItsTag() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.onA("");
            Port b = v.onB("");
            byte[] frame = TestFrames.udp(TestFrames.PEER_MAC, TestFrames.OTHER_MAC, 1, 2, 1518, (byte) 0);
            frame[12] = (byte) 0x81;
            frame[13] = 0;
            frame[14] = 0;
            frame[15] = 5;
            frame[16] = 0x08;
            frame[17] = 0;
            VethPorts.sendAll(a, TestFrames.mbufs(v.pool, frame, 1));
            assertThat(a.stats().oerrors()).isZero();
            assertThat(VethPorts.receive(b, 0, 1, 20)).containsExactly(frame);
        }
    }
}
