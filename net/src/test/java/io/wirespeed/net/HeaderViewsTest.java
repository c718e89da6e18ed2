package io.wirespeed.net;

import static io.wirespeed.net.TestFrames.DST;
import static io.wirespeed.net.TestFrames.IP_A;
import static io.wirespeed.net.TestFrames.IP_B;
import static io.wirespeed.net.TestFrames.SRC;
import static io.wirespeed.net.TestFrames.V6_HI;
import static io.wirespeed.net.TestFrames.buffer;
import static io.wirespeed.net.TestFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Frames written by FrameBuilder read back field by field through the views, and view setters round-trip. */
class HeaderViewsTest {

    @Test
    void ethernetAndVlanTagsReadBack() {
        MemorySegment s = written(new FrameBuilder().ethernet(DST, SRC).vlan(VlanHeader.tci(5, true, 100))
                .ipv4(IP_A, IP_B).udp(1, 2));
        EthernetHeader eth = new EthernetHeader();
        VlanHeader vlan = new VlanHeader();
        assertThat(eth.wrap(s, 0, s.byteSize())).isTrue();
        assertThat(eth.destination()).isEqualTo(DST);
        assertThat(eth.source()).isEqualTo(SRC);
        assertThat(eth.etherType()).isEqualTo(EthernetHeader.TYPE_VLAN);
        assertThat(vlan.wrap(s, 14, s.byteSize())).isTrue();
        assertThat(vlan.pcp()).isEqualTo(5);
        assertThat(vlan.dei()).isTrue();
        assertThat(vlan.vid()).isEqualTo(100);
        assertThat(vlan.innerType()).isEqualTo(EthernetHeader.TYPE_IPV4);
    }

    @Test
    void qinqTagsReadBackOuterThenInner() {
        MemorySegment s = written(new FrameBuilder().ethernet(DST, SRC)
                .qinq(VlanHeader.tci(3, false, 4000), VlanHeader.tci(1, false, 7)).ipv6(V6_HI, 1, V6_HI, 2).udp(1, 2));
        EthernetHeader eth = new EthernetHeader();
        VlanHeader outer = new VlanHeader();
        VlanHeader inner = new VlanHeader();
        eth.wrap(s, 0, s.byteSize());
        assertThat(eth.etherType()).isEqualTo(EthernetHeader.TYPE_QINQ);
        assertThat(outer.wrap(s, 14, s.byteSize()) && inner.wrap(s, 18, s.byteSize())).isTrue();
        assertThat(outer.vid()).isEqualTo(4000);
        assertThat(outer.pcp()).isEqualTo(3);
        assertThat(outer.innerType()).isEqualTo(EthernetHeader.TYPE_VLAN);
        assertThat(inner.vid()).isEqualTo(7);
        assertThat(inner.innerType()).isEqualTo(EthernetHeader.TYPE_IPV6);
    }

    @Test
    void vlanSettersChangeOnlyTheirField() {
        VlanHeader vlan = new VlanHeader();
        vlan.wrap(buffer(4), 0, 4);
        vlan.tci(VlanHeader.tci(7, true, 4095));
        vlan.vid(12);
        assertThat(vlan.pcp()).isEqualTo(7);
        assertThat(vlan.dei()).isTrue();
        vlan.pcp(2);
        vlan.dei(false);
        assertThat(vlan.tci()).isEqualTo(VlanHeader.tci(2, false, 12));
    }

    @Test
    void arpReadsBack() {
        MemorySegment s = written(new FrameBuilder().ethernet(MacAddress.BROADCAST, SRC)
                .arp(ArpHeader.OP_REQUEST, SRC, IP_A, 0, IP_B));
        ArpHeader arp = new ArpHeader();
        assertThat(arp.wrap(s, 14, s.byteSize())).isTrue();
        assertThat(arp.hardwareType()).isEqualTo(1);
        assertThat(arp.protocolType()).isEqualTo(EthernetHeader.TYPE_IPV4);
        assertThat(arp.hardwareLength()).isEqualTo(6);
        assertThat(arp.protocolLength()).isEqualTo(4);
        assertThat(arp.operation()).isEqualTo(ArpHeader.OP_REQUEST);
        assertThat(arp.sha()).isEqualTo(SRC);
        assertThat(arp.spa()).isEqualTo(IP_A);
        assertThat(arp.tha()).isZero();
        assertThat(arp.tpa()).isEqualTo(IP_B);
    }

    @Test
    void ipv4WithOptionsAndUdpReadBack() {
        byte[] options = {(byte) 0x94, 4, 0, 0, 1, 1, 1, 0}; // router alert, NOP, NOP, NOP, end
        MemorySegment s = written(new FrameBuilder().ethernet(DST, SRC).ipv4(IP_A, 0xc0a8_0101).ipv4Options(options)
                .tos(0xb8).ttl(17).identification(0xbeef).ipv4Fragment(0, false, true).udp(5000, 6000).payload(11));
        Ipv4Header ip = new Ipv4Header();
        UdpHeader udp = new UdpHeader();
        assertThat(ip.wrap(s, 14, s.byteSize())).isTrue();
        assertThat(ip.headerFits()).isTrue();
        assertThat(ip.version()).isEqualTo(4);
        assertThat(ip.ihl()).isEqualTo(7);
        assertThat(ip.optionsLength()).isEqualTo(8);
        assertThat(s.asSlice(ip.optionsOffset(), 8).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).isEqualTo(options);
        assertThat(ip.tos()).isEqualTo(0xb8);
        assertThat(ip.totalLength()).isEqualTo(28 + 8 + 11);
        assertThat(ip.identification()).isEqualTo(0xbeef);
        assertThat(ip.dontFragment()).isTrue();
        assertThat(ip.moreFragments()).isFalse();
        assertThat(ip.isFragment()).isFalse();
        assertThat(ip.ttl()).isEqualTo(17);
        assertThat(ip.protocol()).isEqualTo(IpProtocols.UDP);
        assertThat(ip.source()).isEqualTo(IP_A);
        assertThat(ip.destination()).isEqualTo(0xc0a8_0101);
        assertThat(Checksums.ipv4HeaderValid(s, 14)).isTrue();
        assertThat(ip.checksum()).isEqualTo(Checksums.ipv4HeaderChecksum(s, 14));
        assertThat(udp.wrap(s, 14 + 28, s.byteSize())).isTrue();
        assertThat(udp.sourcePort()).isEqualTo(5000);
        assertThat(udp.destinationPort()).isEqualTo(6000);
        assertThat(udp.length()).isEqualTo(19);
        assertThat(Checksums.udpIpv4Valid(s, 14, 42)).isTrue();
    }

    @Test
    void ipv4FragmentFieldsReadBack() {
        MemorySegment s = written(TestFrames.udp4(0).ipv4Fragment(185, true, false));
        Ipv4Header ip = new Ipv4Header();
        ip.wrap(s, 14, s.byteSize());
        assertThat(ip.fragmentOffset()).isEqualTo(185);
        assertThat(ip.moreFragments()).isTrue();
        assertThat(ip.isFragment()).isTrue();
    }

    @Test
    void ipv4SettersRoundTrip() {
        Ipv4Header ip = new Ipv4Header();
        ip.wrap(buffer(20), 0, 20);
        ip.versionAndIhl(4, 5);
        ip.tos(1);
        ip.totalLength(0xffff);
        ip.identification(2);
        ip.flagsAndFragmentOffset(0x2003);
        ip.ttl(255);
        ip.protocol(6);
        ip.checksum(0xabcd);
        ip.source(-1);
        ip.destination(0x7f000001);
        assertThat(new int[] {ip.version(), ip.headerLength(), ip.tos(), ip.totalLength(), ip.identification(),
            ip.fragmentOffset(), ip.ttl(), ip.protocol(), ip.checksum(), ip.source(), ip.destination()})
                .containsExactly(4, 20, 1, 0xffff, 2, 3, 255, 6, 0xabcd, -1, 0x7f000001);
    }

    @Test
    void ipv6WithExtensionsAndTcpReadBack() {
        byte[] options = {2, 4, 5, (byte) 0xb4, 1, 1, 4, 2}; // MSS 1460, NOP, NOP, SACK permitted
        MemorySegment s = written(new FrameBuilder().ethernet(DST, SRC).ipv6(V6_HI, 0x11, V6_HI | 1, 0x22)
                .tos(0x28).flowLabel(0xabcde).ttl(3)
                .ipv6Extension(IpProtocols.HOP_BY_HOP, new byte[6])
                .ipv6Extension(IpProtocols.DESTINATION_OPTIONS, new byte[14])
                .tcp(40000, 443).tcpSequence(0x8000_0001, 7).tcpFlags(TcpHeader.SYN | TcpHeader.ECE).tcpWindow(1000)
                .tcpOptions(options).payload(5));
        Ipv6Header ip = new Ipv6Header();
        assertThat(ip.wrap(s, 14, s.byteSize())).isTrue();
        assertThat(ip.version()).isEqualTo(6);
        assertThat(ip.trafficClass()).isEqualTo(0x28);
        assertThat(ip.flowLabel()).isEqualTo(0xabcde);
        assertThat(ip.payloadLength()).isEqualTo(8 + 16 + 28 + 5);
        assertThat(ip.nextHeader()).isEqualTo(IpProtocols.HOP_BY_HOP);
        assertThat(ip.hopLimit()).isEqualTo(3);
        assertThat(ip.sourceHigh()).isEqualTo(V6_HI);
        assertThat(ip.sourceLow()).isEqualTo(0x11);
        assertThat(ip.destinationHigh()).isEqualTo(V6_HI | 1);
        assertThat(ip.destinationLow()).isEqualTo(0x22);

        Ipv6ExtensionWalker walker = new Ipv6ExtensionWalker();
        assertThat(walker.walk(s, 54, ip.nextHeader(), s.byteSize())).isEqualTo(Ipv6ExtensionWalker.OK);
        assertThat(walker.headerCount()).isEqualTo(2);
        assertThat(walker.upperProtocol()).isEqualTo(IpProtocols.TCP);
        assertThat(walker.upperOffset()).isEqualTo(54 + 24);

        TcpHeader tcp = new TcpHeader();
        assertThat(tcp.wrap(s, walker.upperOffset(), s.byteSize()) && tcp.headerFits()).isTrue();
        assertThat(tcp.sourcePort()).isEqualTo(40000);
        assertThat(tcp.destinationPort()).isEqualTo(443);
        assertThat(tcp.sequence()).isEqualTo(0x8000_0001);
        assertThat(tcp.acknowledgment()).isEqualTo(7);
        assertThat(tcp.dataOffset()).isEqualTo(7);
        assertThat(tcp.optionsLength()).isEqualTo(8);
        assertThat(tcp.flags()).isEqualTo(TcpHeader.SYN | TcpHeader.ECE);
        assertThat(tcp.window()).isEqualTo(1000);
        assertThat(tcp.urgentPointer()).isZero();
        assertThat(Checksums.tcpIpv6Valid(s, 14, walker.upperOffset())).isTrue();
        assertThat(tcp.checksum()).isEqualTo(Checksums.tcpIpv6Checksum(s, 14, walker.upperOffset()));
    }

    @Test
    void ipv6SettersKeepNeighbouringFields() {
        Ipv6Header ip = new Ipv6Header();
        ip.wrap(buffer(40), 0, 40);
        ip.versionClassLabel(6, 0xff, 0xfffff);
        ip.trafficClass(0x12);
        assertThat(ip.flowLabel()).isEqualTo(0xfffff);
        ip.flowLabel(0x345);
        assertThat(ip.trafficClass()).isEqualTo(0x12);
        assertThat(ip.version()).isEqualTo(6);
        ip.source(-1, -2);
        ip.destination(3, 4);
        assertThat(new long[] {ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow()})
                .containsExactly(-1, -2, 3, 4);
    }

    @Test
    void tcpOverIpv4ReadsBackWithValidChecksum() {
        MemorySegment s = written(new FrameBuilder().ethernet(DST, SRC).ipv4(IP_A, IP_B).tcp(1, 2).tcpFlags(TcpHeader.FIN)
                .payload(33));
        TcpHeader tcp = new TcpHeader();
        tcp.wrap(s, 34, s.byteSize());
        assertThat(tcp.flags()).isEqualTo(TcpHeader.FIN);
        assertThat(tcp.headerLength()).isEqualTo(20);
        assertThat(Checksums.tcpIpv4Valid(s, 14, 34)).isTrue();
    }

    @Test
    void icmpEchoReadsBackWithValidChecksum() {
        MemorySegment s = written(new FrameBuilder().ethernet(DST, SRC).ipv4(IP_A, IP_B)
                .icmp(IcmpHeader.TYPE_ECHO_REQUEST, 0, 0x1234, 9).payload(56));
        IcmpHeader icmp = new IcmpHeader();
        assertThat(icmp.wrap(s, 34, s.byteSize())).isTrue();
        assertThat(icmp.type()).isEqualTo(IcmpHeader.TYPE_ECHO_REQUEST);
        assertThat(icmp.code()).isZero();
        assertThat(icmp.identifier()).isEqualTo(0x1234);
        assertThat(icmp.sequence()).isEqualTo(9);
        assertThat(Checksums.checksum(s, 34, 64)).as("sum over a message with its checksum").isZero();
        assertThat(icmp.checksum()).isEqualTo(Checksums.icmpChecksum(s, 34, 64));
    }

    @Test
    void icmpv6EchoReadsBackWithValidChecksum() {
        MemorySegment s = written(new FrameBuilder().ethernet(DST, SRC).ipv6(V6_HI, 1, V6_HI, 2)
                .icmpv6(Icmpv6Header.TYPE_ECHO_REPLY, 0, 7, 8).payload(10));
        Icmpv6Header icmp = new Icmpv6Header();
        assertThat(icmp.wrap(s, 54, s.byteSize())).isTrue();
        assertThat(icmp.type()).isEqualTo(Icmpv6Header.TYPE_ECHO_REPLY);
        assertThat(icmp.identifier()).isEqualTo(7);
        assertThat(icmp.sequence()).isEqualTo(8);
        long sum = Checksums.ipv6PseudoHeaderSum(s, 14, IpProtocols.ICMPV6, 18) + Checksums.sum(s, 54, 18);
        assertThat(Checksums.fold(sum)).isEqualTo(0xffff);
    }

    @Test
    void vxlanAndInnerFrameReadBack() {
        FrameBuilder inner = new FrameBuilder().ethernet(0x0a0b_0c0d_0e0fL, SRC).ipv4(IP_B, IP_A).udp(7, 8).payload(4);
        MemorySegment s = written(TestFrames.udp4(0).vxlan(55555, 0xabcdef, inner));
        UdpHeader udp = new UdpHeader();
        VxlanHeader vxlan = new VxlanHeader();
        EthernetHeader eth = new EthernetHeader();
        udp.wrap(s, 34, s.byteSize());
        assertThat(udp.sourcePort()).isEqualTo(55555);
        assertThat(udp.destinationPort()).isEqualTo(UdpHeader.PORT_VXLAN);
        assertThat(udp.length()).isEqualTo(8 + 8 + inner.frameLength());
        assertThat(Checksums.udpIpv4Valid(s, 14, 34)).isTrue();
        assertThat(vxlan.wrap(s, 42, s.byteSize())).isTrue();
        assertThat(vxlan.vniValid()).isTrue();
        assertThat(vxlan.vni()).isEqualTo(0xabcdef);
        assertThat(eth.wrap(s, 50, s.byteSize())).isTrue();
        assertThat(eth.destination()).isEqualTo(0x0a0b_0c0d_0e0fL);
        assertThat(Checksums.udpIpv4Valid(s, 64, 84)).as("inner UDP").isTrue();
    }

    @Test
    void vxlanSettersKeepReservedBits() {
        VxlanHeader vxlan = new VxlanHeader();
        MemorySegment s = buffer(8);
        s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 7, (byte) 0x5a);
        vxlan.wrap(s, 0, 8);
        vxlan.flags(VxlanHeader.FLAG_VNI_VALID);
        vxlan.vni(0xffffff);
        assertThat(vxlan.vni()).isEqualTo(0xffffff);
        assertThat(s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 7)).isEqualTo((byte) 0x5a);
    }

    @Test
    void wrapRefusesAHeaderThatDoesNotFit() {
        MemorySegment s = buffer(30);
        assertThat(new Ipv4Header().wrap(s, 14, 33)).as("limit beyond the segment").isFalse();
        assertThat(new Ipv4Header().wrap(s, 14, 30)).as("16 of 20 bytes").isFalse();
        assertThat(new UdpHeader().wrap(s, 22, 30)).isTrue();
        assertThat(new UdpHeader().wrap(s, -1, 30)).isFalse();
        assertThat(new EthernetHeader().wrap(s, Long.MAX_VALUE, 30)).isFalse();
    }

    @Test
    void paddingFollowsThePacketAndIsNotCountedInIpLength() {
        FrameBuilder b = TestFrames.udp4(0).padTo(60);
        MemorySegment s = buffer(100);
        s.fill((byte) 0x77);
        assertThat(b.writeTo(s, 0)).isEqualTo(60);
        Ipv4Header ip = new Ipv4Header();
        ip.wrap(s, 14, 60);
        assertThat(ip.totalLength()).isEqualTo(28);
        assertThat(s.asSlice(42, 18).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).containsOnly(0);
    }

    @Test
    void writeRefusesASegmentTooSmall() {
        FrameBuilder b = TestFrames.udp4(100);
        assertThat(b.writeTo(buffer(b.frameLength() - 1), 0)).isEqualTo(-1);
        assertThat(b.writeTo(buffer(b.frameLength()), 0)).isEqualTo(b.frameLength());
    }
}
