package io.wirespeed.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** DPDK's numeric values and names. */
class PacketTypeTest {

    @Test
    void valuesAreDpdks() {
        // rte_mbuf_ptype.h
        assertThat(new int[] {PacketType.L2_ETHER_VLAN, PacketType.L3_IPV6_EXT, PacketType.L4_ICMP,
            PacketType.TUNNEL_VXLAN, PacketType.INNER_L2_ETHER_QINQ, PacketType.INNER_L3_IPV6_EXT_UNKNOWN,
            PacketType.INNER_L4_NONFRAG}).containsExactly(0x6, 0xc0, 0x500, 0x3000, 0x30000, 0x600000, 0x6000000);
    }

    @Test
    void malformedUsesABitDpdkLeavesFree() {
        assertThat(PacketType.MALFORMED & 0x0fff_ffff).isZero();
    }

    @Test
    void describesEachFieldWithDpdksNames() {
        assertThat(PacketType.toString(PacketType.L2_ETHER | PacketType.L3_IPV4 | PacketType.L4_UDP))
                .isEqualTo("L2_ETHER L3_IPV4 L4_UDP");
        assertThat(PacketType.toString(PacketType.L2_ETHER_QINQ | PacketType.L3_IPV6_EXT_UNKNOWN | PacketType.L4_UDP
                | PacketType.TUNNEL_VXLAN | PacketType.INNER_L2_ETHER_VLAN | PacketType.INNER_L3_IPV6_EXT
                | PacketType.INNER_L4_ICMP | PacketType.MALFORMED))
                .isEqualTo("L2_ETHER_QINQ L3_IPV6_EXT_UNKNOWN L4_UDP TUNNEL_VXLAN INNER_L2_ETHER_VLAN INNER_L3_IPV6_EXT"
                        + " INNER_L4_ICMP MALFORMED");
    }

    @Test
    void describesNothingAsUnknownAndStrangeValuesInHex() {
        assertThat(PacketType.toString(0)).isEqualTo("UNKNOWN");
        assertThat(PacketType.toString(0x0000_000f | PacketType.MALFORMED)).isEqualTo("L2_0xf MALFORMED");
    }

    @Test
    void reasonNamesAreStatisticsNames() {
        assertThat(MalformedReason.name(MalformedReason.IPV6_EXTENSION_CHAIN)).isEqualTo("ipv6_extension_chain");
        assertThatThrownBy(() -> MalformedReason.name(MalformedReason.COUNT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no malformed reason 5");
    }
}
