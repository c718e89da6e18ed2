package io.wirespeed.classify.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** testpmd's RSS type words, and the fields they select per packet. */
class RssHashTypesTest {

    @Test
    void groupsNameBothIpVersions() {
        assertThat(RssHashTypes.parse("ip").flags()).isEqualTo(RssHashTypes.IPV4 | RssHashTypes.IPV6);
        assertThat(RssHashTypes.parse("tcp").flags()).isEqualTo(RssHashTypes.IPV4_TCP | RssHashTypes.IPV6_TCP);
        assertThat(RssHashTypes.parse("udp").flags()).isEqualTo(RssHashTypes.IPV4_UDP | RssHashTypes.IPV6_UDP);
        assertThat(RssHashTypes.parse("ip tcp,udp")).isEqualTo(RssHashTypes.DEFAULT);
    }

    @Test
    void singleWordsAndNoneParse() {
        assertThat(RssHashTypes.parse(List.of("ipv4-tcp", "IPV6-UDP")).flags())
                .isEqualTo(RssHashTypes.IPV4_TCP | RssHashTypes.IPV6_UDP);
        assertThat(RssHashTypes.parse("none")).isEqualTo(RssHashTypes.NONE);
        assertThat(RssHashTypes.parse("  ")).isEqualTo(RssHashTypes.NONE);
    }

    @Test
    void toStringReadsBack() {
        RssHashTypes t = RssHashTypes.parse("ipv4,ipv6-tcp");
        assertThat(t.toString()).isEqualTo("ipv4,ipv6-tcp");
        assertThat(RssHashTypes.parse(t.toString())).isEqualTo(t);
        assertThat(RssHashTypes.NONE.toString()).isEqualTo("none");
    }

    @Test
    void unknownWordIsNamedWithTheChoices() {
        assertThatThrownBy(() -> RssHashTypes.parse("ipv4,ipv5-tcp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ipv5-tcp'").hasMessageContaining("ipv4-udp");
    }

    @Test
    void tcpPacketUsesPortsOnlyWhenItsTcpTypeIsOn() {
        RssHashTypes ipOnly = RssHashTypes.parse("ipv4");
        RssHashTypes tcp = RssHashTypes.parse("ipv4-tcp");
        assertThat(ipOnly.ipv4Input(RssHashTypes.PROTO_TCP)).isEqualTo(RssInput.ADDRESSES);
        assertThat(tcp.ipv4Input(RssHashTypes.PROTO_TCP)).isEqualTo(RssInput.ADDRESSES_AND_PORTS);
        assertThat(tcp.ipv4Input(RssHashTypes.PROTO_UDP)).isEqualTo(RssInput.NONE);
        assertThat(tcp.ipv6Input(RssHashTypes.PROTO_TCP)).isEqualTo(RssInput.NONE);
        assertThat(RssHashTypes.DEFAULT.ipv6Input(-1)).isEqualTo(RssInput.ADDRESSES);
        assertThat(RssHashTypes.DEFAULT.ipv4Input(1)).isEqualTo(RssInput.ADDRESSES);
    }

    @Test
    void functionHashesTheSelectedFields() {
        ToeplitzHash h = ToeplitzHash.microsoft();
        RssFunction f = new RssFunction(h, RssHashTypes.parse("ipv4,ipv4-udp"));
        assertThat(f.ipv4(1, 2, RssHashTypes.PROTO_UDP, 3, 4)).isEqualTo(h.ipv4(1, 2, 3, 4));
        assertThat(f.ipv4(1, 2, RssHashTypes.PROTO_TCP, 3, 4)).isEqualTo(h.ipv4(1, 2));
        assertThat(f.ipv6(1, 2, 3, 4, RssHashTypes.PROTO_UDP, 5, 6)).isZero();
    }

    @Test
    void unknownFlagBitsAreRefused() {
        assertThatThrownBy(() -> RssHashTypes.of(1 << 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
