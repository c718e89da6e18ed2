package io.wirespeed.app.testpmd;

import static io.wirespeed.app.testpmd.TestFrames.BROADCAST;
import static io.wirespeed.app.testpmd.TestFrames.CLIENT_IP;
import static io.wirespeed.app.testpmd.TestFrames.CLIENT_MAC;
import static io.wirespeed.app.testpmd.TestFrames.ETHERTYPE_ARP;
import static io.wirespeed.app.testpmd.TestFrames.ETHERTYPE_IPV4;
import static io.wirespeed.app.testpmd.TestFrames.ETHERTYPE_IPV6;
import static io.wirespeed.app.testpmd.TestFrames.PROTO_ICMP;
import static io.wirespeed.app.testpmd.TestFrames.PROTO_UDP;
import static io.wirespeed.app.testpmd.TestFrames.SERVER_IP;
import static io.wirespeed.app.testpmd.TestFrames.arp;
import static io.wirespeed.app.testpmd.TestFrames.arpRequest;
import static io.wirespeed.app.testpmd.TestFrames.checksumVerifies;
import static io.wirespeed.app.testpmd.TestFrames.echoRequest;
import static io.wirespeed.app.testpmd.TestFrames.ethernet;
import static io.wirespeed.app.testpmd.TestFrames.icmpEcho;
import static io.wirespeed.app.testpmd.TestFrames.ipv4;
import static io.wirespeed.app.testpmd.TestFrames.mac;
import static io.wirespeed.app.testpmd.TestFrames.payload;
import static io.wirespeed.app.testpmd.TestFrames.u16;
import static io.wirespeed.app.testpmd.TestFrames.u32;
import static io.wirespeed.app.testpmd.TestFrames.u8;
import static io.wirespeed.app.testpmd.TestFrames.udp;
import static io.wirespeed.app.testpmd.TestFrames.vlanEthernet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.mbuf.Mbuf;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IcmpEchoEngineTest {
    private static final MacAddress PORT = MacAddress.parse("02:00:00:00:20:02");

    private final RingWire wire = new RingWire();
    private final ForwardStream stream = wire.stream(PORT, PORT, MacAddress.local(0));

    @AfterEach
    void tearDown() {
        wire.close();
    }

    private List<byte[]> answer(byte[]... frames) {
        wire.inject(frames);
        new IcmpEchoEngine().forward(stream);
        return wire.collect();
    }

    // ---- ARP ------------------------------------------------------------------------------------

    @Test
    void answersAnArpRequestWithAReplyFromThePortsAddress() {
        List<byte[]> out = answer(arpRequest());

        assertThat(out).hasSize(1);
        byte[] r = out.getFirst();
        assertThat(r).hasSize(14 + 28);
        assertThat(mac(r, 0)).as("to the asker").isEqualTo(CLIENT_MAC);
        assertThat(mac(r, 6)).as("from the port").isEqualTo(PORT.bits());
        assertThat(u16(r, 12)).isEqualTo(ETHERTYPE_ARP);
        assertThat(u16(r, 14)).as("htype").isEqualTo(1);
        assertThat(u16(r, 16)).as("ptype").isEqualTo(ETHERTYPE_IPV4);
        assertThat(u8(r, 18)).as("hlen").isEqualTo(6);
        assertThat(u8(r, 19)).as("plen").isEqualTo(4);
        assertThat(u16(r, 20)).as("op: reply").isEqualTo(2);
        assertThat(mac(r, 22)).as("sender MAC: the port").isEqualTo(PORT.bits());
        assertThat(u32(r, 28)).as("sender IP: the address asked for").isEqualTo(SERVER_IP);
        assertThat(mac(r, 32)).as("target MAC: the asker").isEqualTo(CLIENT_MAC);
        assertThat(u32(r, 38)).as("target IP: the asker's").isEqualTo(CLIENT_IP);
    }

    @Test
    void consumesAnArpReply() {
        List<byte[]> out = answer(ethernet(PORT.bits(), CLIENT_MAC, ETHERTYPE_ARP, arp(2, CLIENT_MAC, CLIENT_IP, PORT.bits(), SERVER_IP)));

        assertThat(out).isEmpty();
        assertThat(stream.consumed()).isEqualTo(1);
    }

    // ---- ICMP echo ------------------------------------------------------------------------------

    @Test
    void answersAnEchoRequestWithAnEchoReplyWhoseChecksumsVerify() {
        byte[] data = payload(56, 11);
        byte[] request = echoRequest(PORT.bits(), 0x4242, 7, data);

        List<byte[]> out = answer(request);

        assertThat(out).hasSize(1);
        byte[] r = out.getFirst();
        assertThat(r).hasSize(request.length);
        assertThat(mac(r, 0)).as("to the pinger").isEqualTo(CLIENT_MAC);
        assertThat(mac(r, 6)).as("from the port").isEqualTo(PORT.bits());
        assertThat(u16(r, 12)).isEqualTo(ETHERTYPE_IPV4);
        assertThat(u32(r, 26)).as("IP source: the pinged").isEqualTo(SERVER_IP);
        assertThat(u32(r, 30)).as("IP destination: the pinger").isEqualTo(CLIENT_IP);
        assertThat(u8(r, 23)).isEqualTo(PROTO_ICMP);
        assertThat(checksumVerifies(r, 14, 20)).as("IPv4 header checksum verifies").isTrue();
        assertThat(u8(r, 34)).as("ICMP type: echo reply").isZero();
        assertThat(u8(r, 35)).as("ICMP code").isZero();
        assertThat(checksumVerifies(r, 34, r.length - 34)).as("ICMP checksum verifies").isTrue();
        assertThat(u16(r, 38)).as("identifier").isEqualTo(0x4242);
        assertThat(u16(r, 40)).as("sequence").isEqualTo(7);
        assertThat(Arrays.copyOfRange(r, 42, r.length)).as("data echoed").isEqualTo(data);
    }

    @Test
    void answersManyEchoRequestsEachWithAVerifyingChecksum() {
        byte[][] requests = new byte[32][];
        for (int i = 0; i < requests.length; i++) {
            // Different identifiers, sequences and lengths exercise the incremental checksum's carries.
            requests[i] = echoRequest(PORT.bits(), 0xffff - i * 977, i * 2053, payload(i * 3, i));
        }

        List<byte[]> out = answer(requests);

        assertThat(out).hasSize(32);
        for (byte[] r : out) {
            assertThat(u8(r, 34)).isZero();
            assertThat(checksumVerifies(r, 34, r.length - 34)).isTrue();
            assertThat(checksumVerifies(r, 14, 20)).isTrue();
        }
    }

    @Test
    void answersAnEchoRequestBehindAVlanTagKeepingTheTag() {
        byte[] request = vlanEthernet(PORT.bits(), CLIENT_MAC, 0x0064, ETHERTYPE_IPV4,
                ipv4(CLIENT_IP, SERVER_IP, PROTO_ICMP, icmpEcho(8, 1, 1, payload(20, 3))));

        List<byte[]> out = answer(request);

        assertThat(out).hasSize(1);
        byte[] r = out.getFirst();
        assertThat(mac(r, 0)).isEqualTo(CLIENT_MAC);
        assertThat(u16(r, 12)).isEqualTo(TestFrames.ETHERTYPE_VLAN);
        assertThat(u16(r, 14)).as("VLAN TCI kept").isEqualTo(0x0064);
        assertThat(u32(r, 18 + 12)).isEqualTo(SERVER_IP);
        assertThat(u8(r, 18 + 20)).as("echo reply").isZero();
        assertThat(checksumVerifies(r, 18, 20)).isTrue();
        assertThat(checksumVerifies(r, 38, r.length - 38)).isTrue();
    }

    @Test
    void answersAnEchoRequestWhoseIpHeaderHasOptions() {
        byte[] options = {1, 1, 1, 0}; // NOP, NOP, NOP, end of options: IHL 6
        byte[] request = ethernet(PORT.bits(), CLIENT_MAC, ETHERTYPE_IPV4,
                ipv4(CLIENT_IP, SERVER_IP, PROTO_ICMP, 0, options, icmpEcho(8, 9, 9, payload(8, 1))));

        List<byte[]> out = answer(request);

        assertThat(out).hasSize(1);
        byte[] r = out.getFirst();
        assertThat(u8(r, 14 + 24)).as("echo reply after the options").isZero();
        assertThat(checksumVerifies(r, 14, 24)).isTrue();
        assertThat(checksumVerifies(r, 38, r.length - 38)).isTrue();
    }

    // ---- everything else is consumed --------------------------------------------------------------

    @Test
    void consumesFramesThatAreNotRequests() {
        byte[][] others = {
            ethernet(PORT.bits(), CLIENT_MAC, ETHERTYPE_IPV4, ipv4(CLIENT_IP, SERVER_IP, PROTO_UDP, udp(53, 53, payload(20, 1)))),
            ethernet(PORT.bits(), CLIENT_MAC, ETHERTYPE_IPV4, ipv4(CLIENT_IP, SERVER_IP, PROTO_ICMP, icmpEcho(0, 1, 1, payload(8, 2)))),
            ethernet(PORT.bits(), CLIENT_MAC, ETHERTYPE_IPV6, payload(60, 3)),
            ethernet(BROADCAST, CLIENT_MAC, 0x88cc, payload(40, 4)), // LLDP
            // An echo request that is a first fragment (MF set) and one that is a later fragment.
            ethernet(PORT.bits(), CLIENT_MAC, ETHERTYPE_IPV4,
                    ipv4(CLIENT_IP, SERVER_IP, PROTO_ICMP, 0x2000, new byte[0], icmpEcho(8, 1, 1, payload(16, 5)))),
            ethernet(PORT.bits(), CLIENT_MAC, ETHERTYPE_IPV4,
                    ipv4(CLIENT_IP, SERVER_IP, PROTO_ICMP, 0x0003, new byte[0], icmpEcho(8, 1, 1, payload(16, 6)))),
            // ARP for another protocol than IPv4.
            ethernet(BROADCAST, CLIENT_MAC, ETHERTYPE_ARP, withByte(arp(1, CLIENT_MAC, CLIENT_IP, 0, SERVER_IP), 2, 0x86)),
        };

        List<byte[]> out = answer(others);

        assertThat(out).isEmpty();
        assertThat(stream.received()).isEqualTo(others.length);
        assertThat(stream.consumed()).isEqualTo(others.length);
        assertThat(stream.transmitted()).isZero();
        assertThat(wire.pool.availableCount()).as("every consumed mbuf is back in the pool").isEqualTo(wire.pool.size());
    }

    @Test
    void consumesTruncatedFramesWithoutThrowing() {
        byte[] arp = arpRequest();
        byte[] ping = echoRequest(PORT.bits(), 1, 1, new byte[0]);
        byte[] tagged = vlanEthernet(PORT.bits(), CLIENT_MAC, 5, ETHERTYPE_IPV4, new byte[0]);
        byte[][] truncated = {
            new byte[0],
            Arrays.copyOf(arp, 6),
            Arrays.copyOf(arp, 13),
            Arrays.copyOf(arp, 14),            // ARP ethertype, no ARP body
            Arrays.copyOf(arp, 14 + 27),       // ARP one byte short
            Arrays.copyOf(ping, 14 + 19),      // IPv4 header one byte short
            Arrays.copyOf(ping, 14 + 20 + 7),  // ICMP header one byte short
            Arrays.copyOf(tagged, 15),         // VLAN tag cut
            Arrays.copyOf(tagged, 17),         // inner ethertype cut
            withByte(Arrays.copyOf(ping, ping.length), 14, 0x4f), // IHL says 60 bytes, the frame is shorter
            withByte(Arrays.copyOf(ping, ping.length), 14, 0x44), // IHL 16 bytes: below the minimum
            withByte(Arrays.copyOf(ping, ping.length), 14, 0x65), // version 6 under an IPv4 ethertype
        };

        assertThatCode(() -> answer(truncated)).doesNotThrowAnyException();

        assertThat(wire.collect()).isEmpty();
        assertThat(stream.received()).isEqualTo(truncated.length);
        assertThat(stream.consumed()).isEqualTo(truncated.length);
        assertThat(wire.pool.availableCount()).isEqualTo(wire.pool.size());
    }

    @Test
    void consumesAnEchoRequestSplitOverTwoSegments() {
        byte[] request = echoRequest(PORT.bits(), 1, 1, payload(40, 1));
        Mbuf head = wire.pool.alloc();
        Mbuf tail = wire.pool.alloc();
        head.write(Arrays.copyOf(request, 30));
        tail.write(Arrays.copyOfRange(request, 30, request.length));
        head.chain(tail);
        wire.inject(head);

        new IcmpEchoEngine().forward(stream);

        assertThat(wire.collect()).isEmpty();
        assertThat(stream.consumed()).isEqualTo(1);
        assertThat(wire.pool.availableCount()).as("both segments freed").isEqualTo(wire.pool.size());
    }

    @Test
    void repliesAndConsumesInOneBurstAccountForEveryPacket() {
        byte[][] mix = {
            echoRequest(PORT.bits(), 1, 1, payload(8, 1)),
            ethernet(PORT.bits(), CLIENT_MAC, ETHERTYPE_IPV6, payload(60, 3)),
            arpRequest(),
            new byte[3],
            echoRequest(PORT.bits(), 1, 2, payload(8, 2)),
        };

        List<byte[]> out = answer(mix);

        assertThat(out).hasSize(3);
        assertThat(u16(out.get(0), 40)).as("order kept: first reply is to sequence 1").isEqualTo(1);
        assertThat(u16(out.get(1), 12)).isEqualTo(ETHERTYPE_ARP);
        assertThat(u16(out.get(2), 40)).isEqualTo(2);
        assertThat(stream.received()).isEqualTo(5);
        assertThat(stream.transmitted()).isEqualTo(3);
        assertThat(stream.consumed()).isEqualTo(2);
    }

    private static byte[] withByte(byte[] frame, int at, int value) {
        frame[at] = (byte) value;
        return frame;
    }
}
