package io.wirespeed.net;

import static io.wirespeed.net.PacketType.*;
import static io.wirespeed.net.TestFrames.DST;
import static io.wirespeed.net.TestFrames.IP_A;
import static io.wirespeed.net.TestFrames.IP_B;
import static io.wirespeed.net.TestFrames.SRC;
import static io.wirespeed.net.TestFrames.V6_HI;
import static io.wirespeed.net.TestFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each built shape gets DPDK's packet type and header lengths; each malformed case its reason. */
class PacketParserTest {
    private final PacketParser parser = new PacketParser();

    private static FrameBuilder eth() {
        return new FrameBuilder().ethernet(DST, SRC);
    }

    private static FrameBuilder v6() {
        return eth().ipv6(V6_HI, 1, V6_HI, 2);
    }

    private static Arguments shape(String name, Supplier<FrameBuilder> b, int type, int l2, int l3, int l4) {
        return Arguments.of(name, b, type, l2, l3, l4);
    }

    static Stream<Arguments> shapes() {
        byte[] options4 = {1, 1, 1, 0};
        byte[] tcpOptions = new byte[12];
        FrameBuilder innerUdp = new FrameBuilder().ethernet(SRC, DST).ipv4(IP_B, IP_A).udp(1, 2).payload(3);
        FrameBuilder innerTcp6 = new FrameBuilder().ethernet(SRC, DST).vlan(5).ipv6(1, 2, 3, 4)
                .ipv6Extension(IpProtocols.ROUTING, new byte[6]).tcp(1, 2);
        FrameBuilder innerIcmpOpts = new FrameBuilder().ethernet(SRC, DST).qinq(1, 2).ipv4(1, 2).ipv4Options(options4)
                .icmp(8, 0, 1, 1);
        return Stream.of(
                shape("raw ethernet", () -> eth().etherType(0x88cc).payload(20), L2_ETHER, 14, 0, 0),
                shape("arp", () -> eth().arp(1, SRC, IP_A, 0, IP_B), L2_ETHER_ARP, 14, 0, 0),
                shape("arp in vlan", () -> eth().vlan(9).arp(1, SRC, IP_A, 0, IP_B), L2_ETHER_VLAN, 18, 0, 0),
                shape("udp/ipv4", () -> TestFrames.udp4(10), L2_ETHER | L3_IPV4 | L4_UDP, 14, 20, 8),
                shape("udp/ipv4 padded", () -> TestFrames.udp4(0).padTo(60), L2_ETHER | L3_IPV4 | L4_UDP, 14, 20, 8),
                shape("tcp/ipv4 options", () -> eth().ipv4(IP_A, IP_B).ipv4Options(options4).tcp(1, 2).tcpOptions(tcpOptions),
                        L2_ETHER | L3_IPV4_EXT | L4_TCP, 14, 24, 32),
                shape("icmp/ipv4 vlan", () -> eth().vlan(100).ipv4(IP_A, IP_B).icmp(8, 0, 1, 2).payload(4),
                        L2_ETHER_VLAN | L3_IPV4 | L4_ICMP, 18, 20, 8),
                shape("udp/ipv4 qinq", () -> eth().qinq(1, 2).ipv4(IP_A, IP_B).udp(1, 2),
                        L2_ETHER_QINQ | L3_IPV4 | L4_UDP, 22, 20, 8),
                shape("sctp/ipv4", () -> eth().ipv4(IP_A, IP_B).ipProtocol(IpProtocols.SCTP).payload(12),
                        L2_ETHER | L3_IPV4 | L4_SCTP, 14, 20, 12),
                shape("gre/ipv4 nonfrag", () -> eth().ipv4(IP_A, IP_B).ipProtocol(47).payload(4),
                        L2_ETHER | L3_IPV4 | L4_NONFRAG, 14, 20, 0),
                shape("first ipv4 fragment", () -> TestFrames.udp4(100).ipv4Fragment(0, true, false),
                        L2_ETHER | L3_IPV4 | L4_FRAG, 14, 20, 0),
                shape("later ipv4 fragment", () -> eth().ipv4(IP_A, IP_B).ipv4Fragment(100, false, false)
                        .ipProtocol(IpProtocols.UDP).payload(3), L2_ETHER | L3_IPV4 | L4_FRAG, 14, 20, 0),
                shape("tcp/ipv6", () -> TestFrames.tcp6(0), L2_ETHER | L3_IPV6 | L4_TCP, 14, 40, 20),
                shape("udp/ipv6", () -> v6().udp(1, 2), L2_ETHER | L3_IPV6 | L4_UDP, 14, 40, 8),
                shape("icmpv6", () -> v6().icmpv6(128, 0, 1, 1), L2_ETHER | L3_IPV6 | L4_ICMP, 14, 40, 8),
                shape("no next header", () -> v6().ipProtocol(IpProtocols.NO_NEXT_HEADER), L2_ETHER | L3_IPV6 | L4_NONFRAG, 14, 40, 0),
                shape("tcp/ipv6 ext", () -> v6().ipv6Extension(IpProtocols.HOP_BY_HOP, new byte[6])
                        .ipv6Extension(IpProtocols.ROUTING, new byte[22]).ipv6Extension(IpProtocols.DESTINATION_OPTIONS, new byte[6])
                        .tcp(1, 2), L2_ETHER | L3_IPV6_EXT | L4_TCP, 14, 40 + 8 + 24 + 8, 20),
                shape("udp/ipv6 ah", () -> v6().ipv6Extension(IpProtocols.AH, new byte[22]).udp(1, 2),
                        L2_ETHER | L3_IPV6_EXT | L4_UDP, 14, 64, 8),
                shape("esp/ipv6", () -> v6().ipProtocol(IpProtocols.ESP).payload(16), L2_ETHER | L3_IPV6_EXT | L4_NONFRAG, 14, 40, 0),
                shape("first ipv6 fragment", () -> v6().ipv6Fragment(0, true, 1).udp(1, 2),
                        L2_ETHER | L3_IPV6_EXT | L4_FRAG, 14, 48, 0),
                shape("later ipv6 fragment", () -> v6().ipv6Extension(IpProtocols.HOP_BY_HOP, new byte[6])
                        .ipv6Fragment(10, false, 1).ipProtocol(IpProtocols.TCP).payload(8), L2_ETHER | L3_IPV6_EXT | L4_FRAG, 14, 56, 0),
                shape("vxlan udp/ipv4", () -> TestFrames.udp4(0).vxlan(1, 2, innerUdp),
                        L2_ETHER | L3_IPV4 | L4_UDP | TUNNEL_VXLAN | INNER_L2_ETHER | INNER_L3_IPV4 | INNER_L4_UDP, 14, 20, 8),
                shape("vxlan/ipv6 tcp/ipv6-ext vlan", () -> v6().vxlan(1, 2, innerTcp6),
                        L2_ETHER | L3_IPV6 | L4_UDP | TUNNEL_VXLAN | INNER_L2_ETHER_VLAN | INNER_L3_IPV6_EXT | INNER_L4_TCP, 14, 40, 8),
                shape("vxlan icmp/ipv4-opts qinq", () -> eth().vlan(3).ipv4(IP_A, IP_B).vxlan(1, 2, innerIcmpOpts),
                        L2_ETHER_VLAN | L3_IPV4 | L4_UDP | TUNNEL_VXLAN | INNER_L2_ETHER_QINQ | INNER_L3_IPV4_EXT | INNER_L4_ICMP,
                        18, 20, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void builtShapeGetsItsTypeAndLengths(String name, Supplier<FrameBuilder> shape, int type, int l2, int l3, int l4) {
        MemorySegment s = written(shape.get());
        assertThat(PacketType.toString(parser.parse(s, 0, (int) s.byteSize()))).isEqualTo(PacketType.toString(type));
        assertThat(new int[] {parser.l2Length(), parser.l3Length(), parser.l4Length()}).containsExactly(l2, l3, l4);
        assertThat(parser.malformed()).isZero();
    }

    @Test
    void vxlanInnerLengthsAreReported() {
        FrameBuilder inner = new FrameBuilder().ethernet(SRC, DST).vlan(5).ipv6(1, 2, 3, 4)
                .ipv6Extension(IpProtocols.ROUTING, new byte[6]).tcp(1, 2).tcpOptions(new byte[4]);
        MemorySegment s = written(TestFrames.udp4(0).vxlan(1, 2, inner));
        parser.parse(s, 0, (int) s.byteSize());
        assertThat(new int[] {parser.tunnelLength(), parser.innerL2Length(), parser.innerL3Length(), parser.innerL4Length()})
                .containsExactly(8, 18, 48, 24);
    }

    @Test
    void parseOfAnMbufFillsItsTypeAndLengths() {
        try (Mempool pool = Mempool.builder("parse", 4).cacheSize(0).hugePages(false).build()) {
            Mbuf m = pool.alloc();
            FrameBuilder b = TestFrames.tcp6(100).vlan(7);
            assertThat(b.writeTo(m)).isTrue();
            int type = parser.parse(m);
            assertThat(type).isEqualTo(L2_ETHER_VLAN | L3_IPV6 | L4_TCP);
            assertThat(m.packetType()).isEqualTo(type);
            assertThat(new int[] {m.l2Length(), m.l3Length(), m.l4Length()}).containsExactly(18, 40, 20);
            assertThat(m.packetLength()).isEqualTo(b.frameLength());
            m.free();
        }
    }

    @Test
    void kernelTcpSynWithOptionsIsClassified() {
        // A SYN that Linux sent over lo (captured in a user namespace): MSS, SACK-permitted, timestamps, window scale.
        MemorySegment s = TestFrames.hex("00000000000000000000000008004500003c1259400040062a617f0000017f000001e7261f90"
                + "455268d000000000a002ffd7fe3000000204ffd70402080a4951fd44000000000103030a");
        assertThat(parser.parse(s, 0, (int) s.byteSize())).isEqualTo(L2_ETHER | L3_IPV4 | L4_TCP);
        assertThat(parser.l4Length()).isEqualTo(40);
    }

    // ---- malformed --------------------------------------------------------------------------------

    private int parseExpectingMalformed(MemorySegment s, long length, int reason) {
        int type = parser.parse(s, 0, (int) length);
        assertThat(PacketType.isMalformed(type)).as(PacketType.toString(type)).isTrue();
        assertThat(parser.malformed(reason)).as(MalformedReason.name(reason)).isEqualTo(1);
        assertThat(parser.malformed()).isEqualTo(1);
        return type;
    }

    @Test
    void frameShorterThanEthernetIsTruncatedL2() {
        assertThat(parseExpectingMalformed(TestFrames.buffer(13), 13, MalformedReason.L2_TRUNCATED)).isEqualTo(MALFORMED);
    }

    @Test
    void missingVlanTagIsTruncatedL2() {
        MemorySegment s = written(eth().vlan(1).ipv4(IP_A, IP_B).udp(1, 2));
        assertThat(parseExpectingMalformed(s, 17, MalformedReason.L2_TRUNCATED)).isEqualTo(L2_ETHER_VLAN | MALFORMED);
    }

    @Test
    void missingInnerQinqTagIsTruncatedL2() {
        MemorySegment s = written(eth().qinq(1, 2).ipv4(IP_A, IP_B).udp(1, 2));
        assertThat(parseExpectingMalformed(s, 21, MalformedReason.L2_TRUNCATED)).isEqualTo(L2_ETHER_QINQ | MALFORMED);
    }

    @Test
    void shortIpv4HeaderIsBadIpv4() {
        MemorySegment s = written(TestFrames.udp4(0));
        assertThat(parseExpectingMalformed(s, 33, MalformedReason.IPV4_HEADER)).isEqualTo(L2_ETHER | MALFORMED);
        assertThat(parser.l2Length()).isEqualTo(14);
    }

    @Test
    void ihlBelowFiveIsBadIpv4() {
        MemorySegment s = written(TestFrames.udp4(0));
        NetworkOrder.setU8(s, 14, 0x44);
        assertThat(parseExpectingMalformed(s, s.byteSize(), MalformedReason.IPV4_HEADER)).isEqualTo(L2_ETHER | MALFORMED);
    }

    @Test
    void optionsPastTheFrameAreBadIpv4() {
        MemorySegment s = written(TestFrames.udp4(0));
        NetworkOrder.setU8(s, 14, 0x4f); // 60-byte header in a 42-byte frame
        assertThat(parseExpectingMalformed(s, s.byteSize(), MalformedReason.IPV4_HEADER)).isEqualTo(L2_ETHER | MALFORMED);
    }

    @Test
    void wrongVersionIsBadIpv4() {
        MemorySegment s = written(TestFrames.udp4(0));
        NetworkOrder.setU8(s, 14, 0x65);
        parseExpectingMalformed(s, s.byteSize(), MalformedReason.IPV4_HEADER);
    }

    @Test
    void totalLengthBeyondTheFrameIsBadIpv4() {
        MemorySegment s = written(TestFrames.udp4(10));
        NetworkOrder.setU16(s, 16, 39 + 1);
        assertThat(parseExpectingMalformed(s, s.byteSize(), MalformedReason.IPV4_HEADER))
                .isEqualTo(L2_ETHER | L3_IPV4 | MALFORMED);
        assertThat(parser.l3Length()).isEqualTo(20);
    }

    @Test
    void totalLengthBelowTheHeaderIsBadIpv4() {
        MemorySegment s = written(TestFrames.udp4(10));
        NetworkOrder.setU16(s, 16, 19);
        parseExpectingMalformed(s, s.byteSize(), MalformedReason.IPV4_HEADER);
    }

    @Test
    void shortIpv6HeaderIsTruncatedIpv6() {
        MemorySegment s = written(TestFrames.tcp6(0));
        assertThat(parseExpectingMalformed(s, 53, MalformedReason.IPV6_HEADER)).isEqualTo(L2_ETHER | MALFORMED);
    }

    @Test
    void payloadLengthBeyondTheFrameIsTruncatedIpv6() {
        MemorySegment s = written(TestFrames.tcp6(0));
        assertThat(parseExpectingMalformed(s, s.byteSize() - 1, MalformedReason.IPV6_HEADER)).isEqualTo(L2_ETHER | MALFORMED);
    }

    @Test
    void extensionChainPastThePayloadIsMalformed() {
        MemorySegment s = written(v6().ipv6Extension(IpProtocols.HOP_BY_HOP, new byte[6]).tcp(1, 2));
        NetworkOrder.setU8(s, 55, 200); // hop-by-hop now claims 1608 bytes
        assertThat(parseExpectingMalformed(s, s.byteSize(), MalformedReason.IPV6_EXTENSION_CHAIN))
                .isEqualTo(L2_ETHER | L3_IPV6_EXT | MALFORMED);
    }

    @Test
    void extensionChainOfNineHeadersIsTooLong() {
        FrameBuilder b = v6();
        for (int i = 0; i < Ipv6ExtensionWalker.MAX_HEADERS + 1; i++) {
            b.ipv6Extension(IpProtocols.DESTINATION_OPTIONS, new byte[6]);
        }
        parseExpectingMalformed(written(b.udp(1, 2)), b.frameLength(), MalformedReason.IPV6_EXTENSION_CHAIN);
    }

    @Test
    void extensionChainOfEightHeadersIsFine() {
        FrameBuilder b = v6();
        for (int i = 0; i < Ipv6ExtensionWalker.MAX_HEADERS; i++) {
            b.ipv6Extension(IpProtocols.DESTINATION_OPTIONS, new byte[6]);
        }
        MemorySegment s = written(b.udp(1, 2));
        assertThat(parser.parse(s, 0, (int) s.byteSize())).isEqualTo(L2_ETHER | L3_IPV6_EXT | L4_UDP);
    }

    @Test
    void udpHeaderCutByIpLengthIsTruncatedL4() {
        MemorySegment s = written(TestFrames.udp4(0).padTo(60));
        NetworkOrder.setU16(s, 16, 27); // the IP packet now ends inside the UDP header; padding follows
        assertThat(parseExpectingMalformed(s, s.byteSize(), MalformedReason.L4_TRUNCATED))
                .isEqualTo(L2_ETHER | L3_IPV4 | L4_UDP | MALFORMED);
        assertThat(parser.l4Length()).isZero();
    }

    @Test
    void tcpOptionsPastTheFrameAreTruncatedL4() {
        MemorySegment s = written(TestFrames.tcp6(0).tcpOptions(new byte[8]));
        NetworkOrder.setU16(s, 18, 24);
        NetworkOrder.setU8(s, 54 + 12, 0xf0);
        parseExpectingMalformed(s, s.byteSize() - 4, MalformedReason.L4_TRUNCATED);
    }

    @Test
    void tcpDataOffsetBelowFiveIsTruncatedL4() {
        MemorySegment s = written(TestFrames.tcp6(0));
        NetworkOrder.setU8(s, 54 + 12, 0x40);
        assertThat(parseExpectingMalformed(s, s.byteSize(), MalformedReason.L4_TRUNCATED))
                .isEqualTo(L2_ETHER | L3_IPV6 | L4_TCP | MALFORMED);
    }

    @Test
    void shortIcmpIsTruncatedL4() {
        MemorySegment s = written(eth().ipv4(IP_A, IP_B).ipProtocol(IpProtocols.ICMP).payload(4));
        parseExpectingMalformed(s, s.byteSize(), MalformedReason.L4_TRUNCATED);
    }

    @Test
    void vxlanHeaderCutIsTruncatedL4() {
        MemorySegment s = written(TestFrames.udp4(0).vxlan(1, 2, TestFrames.udp4(0)));
        NetworkOrder.setU16(s, 16, 20 + 8 + 4);
        assertThat(parseExpectingMalformed(s, s.byteSize(), MalformedReason.L4_TRUNCATED))
                .isEqualTo(L2_ETHER | L3_IPV4 | L4_UDP | TUNNEL_VXLAN | MALFORMED);
    }

    @Test
    void truncatedInnerFrameKeepsTheOuterTypes() {
        MemorySegment s = written(TestFrames.udp4(0).vxlan(1, 2, TestFrames.udp4(0)));
        NetworkOrder.setU16(s, 16, 20 + 8 + 8 + 14 + 10); // inner IPv4 cut to 10 bytes
        assertThat(parseExpectingMalformed(s, s.byteSize(), MalformedReason.IPV4_HEADER))
                .isEqualTo(L2_ETHER | L3_IPV4 | L4_UDP | TUNNEL_VXLAN | INNER_L2_ETHER | MALFORMED);
    }

    @Test
    void countersCountEveryPacket() {
        MemorySegment s = written(TestFrames.udp4(0));
        for (int i = 0; i < 5; i++) {
            parser.parse(s, 0, (int) s.byteSize());
        }
        parser.parse(s, 0, 3);
        assertThat(parser.packets()).isEqualTo(6);
        assertThat(parser.malformed(MalformedReason.L2_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void aLengthBeyondTheSegmentIsCutToIt() {
        MemorySegment s = written(TestFrames.udp4(0));
        assertThat(parser.parse(s, 0, 10_000)).isEqualTo(L2_ETHER | L3_IPV4 | L4_UDP);
        assertThat(PacketType.isMalformed(parser.parse(s, 50, 10))).isTrue();
    }
}
