package io.wirespeed.classify.lpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv6PrefixesTest {
    @Test
    void fullAndCompressedFormsParseToTheSameAddress() {
        var full = Ipv6Prefixes.parseAddress("2001:0db8:0000:0000:0000:0000:0000:0001");
        var compressed = Ipv6Prefixes.parseAddress("2001:DB8::1");
        assertThat(compressed).isEqualTo(full);
        assertThat(full.high()).isEqualTo(0x2001_0db8_0000_0000L);
        assertThat(full.low()).isEqualTo(1L);
    }

    @Test
    void aDottedIpv4TailFillsTheLastTwoGroups() {
        var a = Ipv6Prefixes.parseAddress("::ffff:192.0.2.1");
        assertThat(a.high()).isZero();
        assertThat(a.low()).isEqualTo(0x0000_ffff_c000_0201L);
    }

    @Test
    void prefixesClearTheirHostBits() {
        var p = Ipv6Prefixes.parsePrefix("2001:db8:ffff:ffff:ffff::1/36");
        assertThat(p.depth()).isEqualTo(36);
        assertThat(p.high()).isEqualTo(0x2001_0db8_f000_0000L);
        assertThat(p.low()).isZero();
        var deep = Ipv6Prefixes.parsePrefix("::ffff:ffff:ffff:ffff:ffff/100");
        assertThat(deep.low()).isEqualTo(0xffff_ffff_f000_0000L);
    }

    @Test
    void formattingIsCanonical() {
        assertThat(Ipv6Prefixes.formatAddress(0x2001_0db8_0000_0000L, 1)).isEqualTo("2001:db8::1");
        assertThat(Ipv6Prefixes.formatAddress(0, 0)).isEqualTo("::");
        assertThat(Ipv6Prefixes.formatAddress(0, 1)).isEqualTo("::1");
        assertThat(Ipv6Prefixes.formatAddress(0x2001_0db8_0000_0001L, 0x0001_0001_0001_0001L)).isEqualTo("2001:db8:0:1:1:1:1:1");
        // The longest zero run wins; a lone zero group stays a 0.
        assertThat(Ipv6Prefixes.formatAddress(0x2001_0000_0000_0001L, 0x0000_0000_0000_0001L)).isEqualTo("2001:0:0:1::1");
        assertThat(Ipv6Prefixes.format(0xfe80_0000_0000_0000L, 0, 10)).isEqualTo("fe80::/10");
    }

    @Test
    void formattedAddressesParseBack() {
        long[][] samples = {{0, 0}, {-1, -1}, {0x2001_0db8_0000_0000L, 0x0000_0000_0000_0100L}, {0x1L, 0x1_0000_0000L}};
        for (long[] s : samples) {
            var back = Ipv6Prefixes.parseAddress(Ipv6Prefixes.formatAddress(s[0], s[1]));
            assertThat(new long[] {back.high(), back.low()}).containsExactly(s[0], s[1]);
        }
    }

    @Test
    void malformedTextIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Ipv6Prefixes.parseAddress("1::2::3")).hasMessageContaining("'::' may appear once");
        assertThatThrownBy(() -> Ipv6Prefixes.parseAddress("1:2:3:4:5:6:7")).hasMessageContaining("8 groups");
        assertThatThrownBy(() -> Ipv6Prefixes.parseAddress("1:2:3:4:5:6:7::8")).hasMessageContaining("too many groups");
        assertThatThrownBy(() -> Ipv6Prefixes.parseAddress("12345::")).hasMessageContaining("1 to 4 hex digits");
        assertThatThrownBy(() -> Ipv6Prefixes.parseAddress("g::")).hasMessageContaining("'g' is not hex");
        assertThatThrownBy(() -> Ipv6Prefixes.parseAddress("::1.2.3")).hasMessageContaining("dotted IPv4 tail");
        assertThatThrownBy(() -> Ipv6Prefixes.parsePrefix("2001:db8::/129")).hasMessageContaining("prefix length must be 1..128");
        assertThatThrownBy(() -> Ipv6Prefixes.parsePrefix("2001:db8::")).hasMessageContaining("is not a prefix");
    }
}
