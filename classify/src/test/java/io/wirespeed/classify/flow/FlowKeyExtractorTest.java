package io.wirespeed.classify.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.net.FrameBuilder;
import io.wirespeed.net.IpProtocols;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowKeyExtractorTest {
    private static final long DST = 0x02_00_00_00_00_01L;
    private static final long SRC = 0x02_00_00_00_00_02L;
    private static final int IP_A = 0x0a00_0001;
    private static final int IP_B = 0xc0a8_0102;

    private final Mempool pool = Mempool.builder("fke" + System.nanoTime(), 64).cacheSize(0).hugePages(false).build();
    private final FlowKeyExtractor extractor = new FlowKeyExtractor();
    private final FlowKey key = new FlowKey();

    @AfterEach
    void closePool() {
        pool.close();
    }

    private boolean extract(FrameBuilder frame) {
        Mbuf m = pool.alloc();
        try {
            assertThat(frame.writeTo(m)).isTrue();
            return extractor.extract(m, key);
        } finally {
            m.free();
        }
    }

    private static FrameBuilder eth() {
        return new FrameBuilder().ethernet(DST, SRC);
    }

    @Test
    void udpOverIpv4FillsEthernetIpv4AndUdp() {
        assertThat(extract(eth().ipv4(IP_A, IP_B).tos(0x28).ttl(17).udp(1234, 53).payload(8))).isTrue();
        assertThat(key.layers()).isEqualTo(FlowItemType.ETH.bit() | FlowItemType.IPV4.bit() | FlowItemType.UDP.bit());
        assertThat(key.get(FlowField.ETH_DST)).isEqualTo(DST);
        assertThat(key.get(FlowField.ETH_SRC)).isEqualTo(SRC);
        assertThat(key.get(FlowField.ETH_TYPE)).isEqualTo(0x0800);
        assertThat(key.get(FlowField.IPV4_SRC)).isEqualTo(IP_A & 0xffff_ffffL);
        assertThat(key.get(FlowField.IPV4_DST)).isEqualTo(IP_B & 0xffff_ffffL);
        assertThat(key.get(FlowField.IPV4_PROTO)).isEqualTo(IpProtocols.UDP);
        assertThat(key.get(FlowField.IPV4_TOS)).isEqualTo(0x28);
        assertThat(key.get(FlowField.IPV4_TTL)).isEqualTo(17);
        assertThat(key.get(FlowField.UDP_SRC)).isEqualTo(1234);
        assertThat(key.get(FlowField.UDP_DST)).isEqualTo(53);
    }

    @Test
    void aVlanTagIsKeyedWithTheEtherTypeAfterIt() {
        assertThat(extract(eth().vlan(0x2064).ipv4(IP_A, IP_B).tcp(80, 4000).tcpFlags(0x12))).isTrue();
        assertThat(key.has(FlowItemType.VLAN)).isTrue();
        assertThat(key.get(FlowField.ETH_TYPE)).isEqualTo(0x8100);
        assertThat(key.get(FlowField.VLAN_TCI)).isEqualTo(0x2064);
        assertThat(key.get(FlowField.VLAN_INNER_TYPE)).isEqualTo(0x0800);
        assertThat(key.get(FlowField.TCP_SRC)).isEqualTo(80);
        assertThat(key.get(FlowField.TCP_DST)).isEqualTo(4000);
        assertThat(key.get(FlowField.TCP_FLAGS)).isEqualTo(0x12);
    }

    @Test
    void ipv6FillsBothHalvesOfEachAddressAndTheFixedHeaderFields() {
        FrameBuilder f = eth().ipv6(0x2001_0db8_0000_0001L, 0x11, 0x2001_0db8_0000_0002L, 0x22).flowLabel(0xabcde)
                .udp(7, 9).payload(4);
        assertThat(extract(f)).isTrue();
        assertThat(key.has(FlowItemType.IPV6)).isTrue();
        assertThat(key.get(FlowField.IPV6_SRC_HIGH)).isEqualTo(0x2001_0db8_0000_0001L);
        assertThat(key.get(FlowField.IPV6_SRC_LOW)).isEqualTo(0x11);
        assertThat(key.get(FlowField.IPV6_DST_HIGH)).isEqualTo(0x2001_0db8_0000_0002L);
        assertThat(key.get(FlowField.IPV6_DST_LOW)).isEqualTo(0x22);
        assertThat(key.get(FlowField.IPV6_FLOW)).isEqualTo(0xabcde);
        assertThat(key.get(FlowField.IPV6_PROTO)).isEqualTo(IpProtocols.UDP);
        assertThat(key.get(FlowField.UDP_DST)).isEqualTo(9);
    }

    @Test
    void icmpv6IsKeyedAsIcmp6NotIcmp() {
        assertThat(extract(eth().ipv6(1, 2, 3, 4).icmpv6(128, 0, 1, 1))).isTrue();
        assertThat(key.has(FlowItemType.ICMP6)).isTrue();
        assertThat(key.has(FlowItemType.ICMP)).isFalse();
        assertThat(key.get(FlowField.ICMP6_TYPE)).isEqualTo(128);
    }

    @Test
    void icmpOverIpv4KeysTypeAndCode() {
        assertThat(extract(eth().ipv4(IP_A, IP_B).icmp(8, 0, 1, 1))).isTrue();
        assertThat(key.has(FlowItemType.ICMP)).isTrue();
        assertThat(key.get(FlowField.ICMP_TYPE)).isEqualTo(8);
        assertThat(key.get(FlowField.ICMP_CODE)).isZero();
    }

    @Test
    void aFragmentCarriesNoL4Layer() {
        assertThat(extract(eth().ipv4(IP_A, IP_B).ipv4Fragment(10, false, false).udp(1, 2).payload(8))).isTrue();
        assertThat(key.has(FlowItemType.IPV4)).isTrue();
        assertThat(key.has(FlowItemType.UDP)).isFalse();
        assertThat(key.get(FlowField.IPV4_FRAGMENT_OFFSET)).isEqualTo(10);
    }

    @Test
    void aTruncatedIpv4HeaderKeepsOnlyTheEthernetLayerAndIsReported() {
        Mbuf m = pool.alloc();
        try {
            eth().ipv4(IP_A, IP_B).udp(1, 2).writeTo(m);
            m.dataLength(14 + 10);
            m.packetLength(14 + 10);
            assertThat(extractor.extract(m, key)).isFalse();
            assertThat(key.layers()).isEqualTo(FlowItemType.ETH.bit());
            assertThat(extractor.parser().malformed()).isEqualTo(1);
        } finally {
            m.free();
        }
    }

    @Test
    void theKeyForgetsThePreviousPacketsLayers() {
        extract(eth().ipv4(IP_A, IP_B).udp(1, 2));
        extract(eth().etherType(0x88cc).payload(20));
        assertThat(key.layers()).isEqualTo(FlowItemType.ETH.bit());
    }

    @Test
    void randomAndMutatedFramesNeverThrow() {
        SplittableRandom r = new SplittableRandom(42);
        FrameBuilder[] seeds = {
            eth().ipv4(IP_A, IP_B).udp(1, 2).payload(20), eth().vlan(5).ipv6(1, 2, 3, 4).tcp(1, 2),
            eth().qinq(1, 2).ipv4(IP_A, IP_B).icmp(8, 0, 1, 1),
            eth().ipv6(1, 2, 3, 4).ipv6Extension(IpProtocols.ROUTING, new byte[6]).udp(1, 2)
        };
        Mbuf m = pool.alloc();
        try {
            for (int i = 0; i < 200_000; i++) {
                seeds[r.nextInt(seeds.length)].writeTo(m);
                int length = r.nextInt(1, m.dataLength() + 1);
                for (int flips = r.nextInt(4); flips > 0; flips--) {
                    m.buffer().set(java.lang.foreign.ValueLayout.JAVA_BYTE, m.dataOffset() + r.nextInt(length),
                            (byte) r.nextInt(256));
                }
                m.dataLength(length);
                m.packetLength(length);
                extractor.extract(m, key);
            }
        } finally {
            m.free();
        }
        assertThat(extractor.parser().packets()).isEqualTo(200_000);
    }
}
