package io.wirespeed.app.l3fwd;

import static io.wirespeed.app.l3fwd.Ipv4Frames.dst;
import static io.wirespeed.app.l3fwd.Ipv4Frames.dstMac;
import static io.wirespeed.app.l3fwd.Ipv4Frames.srcMac;
import static io.wirespeed.app.l3fwd.Ipv4Frames.ttl;
import static io.wirespeed.app.l3fwd.Ipv4Frames.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.net.Checksums;
import io.wirespeed.net.FrameBuilder;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** l3fwd over net_ring ports: where packets go, what is rewritten, what is counted and why. */
class L3fwdForwardingTest {
    private static final String PREFIX_ROUTES = """
            # prefix routes: the longest match wins
            10.0.0.0/8 0
            10.1.0.0/16 1
            10.1.2.0/24 0
            """;

    @ParameterizedTest
    @EnumSource(value = LookupMode.class, names = {"LPM", "ACL"})
    void aPacketLeavesByItsLongestMatchingPrefix(LookupMode mode) {
        try (L3fwdRig rig = new L3fwdRig(2, mode, PREFIX_ROUTES, UnaryOperator.identity())) {
            rig.l3fwd.start();
            rig.inject(0, udp("10.1.9.9", 64), udp("10.1.2.9", 64), udp("10.200.0.1", 64));

            assertThat(rig.collect(1, 1)).singleElement().satisfies(f -> assertThat(dst(f)).isEqualTo(Ipv4Frames.ip("10.1.9.9")));
            assertThat(rig.collect(0, 2)).extracting(Ipv4Frames::dst)
                    .containsExactly(Ipv4Frames.ip("10.1.2.9"), Ipv4Frames.ip("10.200.0.1"));
        }
    }

    @Test
    void forwardingDecrementsTheTtlKeepsTheChecksumValidAndRewritesTheAddresses() {
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.LPM, PREFIX_ROUTES, UnaryOperator.identity())) {
            rig.l3fwd.start();
            byte[] sent = udp("10.1.9.9", 64);
            rig.inject(0, sent);

            byte[] f = rig.collect(1, 1).getFirst();

            assertThat(ttl(f)).isEqualTo(63);
            assertThat(Checksums.ipv4HeaderValid(MemorySegment.ofArray(f), 14)).as("IPv4 header checksum").isTrue();
            assertThat(dstMac(f)).isEqualTo(MacAddress.parse("02:00:00:00:00:01").bits());
            assertThat(srcMac(f)).isEqualTo(rig.l3fwd.ports().get(1).macAddress().bits());
            assertThat(Arrays.copyOfRange(f, 34, f.length)).as("everything after the IPv4 header")
                    .isEqualTo(Arrays.copyOfRange(sent, 34, sent.length));
        }
    }

    @Test
    void ethDestSetsThePortsNextHopAddress() {
        MacAddress gateway = MacAddress.parse("0a:0b:0c:0d:0e:0f");
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.LPM, PREFIX_ROUTES, c -> c.withEthDest(Map.of(1, gateway)))) {
            rig.l3fwd.start();
            rig.inject(0, udp("10.1.9.9", 64));

            assertThat(rig.collect(1, 1)).singleElement().satisfies(f -> assertThat(dstMac(f)).isEqualTo(gateway.bits()));
        }
    }

    @Test
    void everyPacketNotForwardedIsCountedUnderItsReason() {
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.LPM, PREFIX_ROUTES, UnaryOperator.identity())) {
            rig.l3fwd.start();
            byte[] arp = Ipv4Frames.bytes(new FrameBuilder().ethernet(MacAddress.BROADCAST.bits(), Ipv4Frames.HOST_MAC)
                    .arp(1, Ipv4Frames.HOST_MAC, Ipv4Frames.ip("10.1.1.1"), 0, Ipv4Frames.ip("10.1.1.2")));
            byte[] truncated = Arrays.copyOf(udp("10.1.9.9", 64), 30);
            byte[] badIhl = udp("10.1.9.9", 64);
            badIhl[14] = 0x44;
            rig.inject(0, arp, truncated, badIhl, udp("10.1.9.9", 1), udp("10.1.9.9", 0), udp("192.168.0.1", 64),
                    udp("10.1.9.9", 2));

            L3fwdReport report = rig.stopAfter(7);

            assertThat(report.dropped(DropReason.NOT_IP)).isEqualTo(1);
            assertThat(report.dropped(DropReason.MALFORMED)).isEqualTo(2);
            assertThat(report.dropped(DropReason.TTL_EXPIRED)).isEqualTo(2);
            assertThat(report.dropped(DropReason.NO_ROUTE)).isEqualTo(1);
            assertThat(report.port(1).tx()).as("the TTL-2 packet, forwarded with TTL 1").isEqualTo(1);
            assertThat(report.received()).isEqualTo(7);
            assertThat(report.balanced()).isTrue();
        }
    }

    @Test
    void aRouteToAPortThatIsNotEnabledCountsAsNoRoute() {
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.LPM, "10.0.0.0/8 5\n", UnaryOperator.identity())) {
            rig.l3fwd.start();
            rig.inject(0, udp("10.1.9.9", 64));

            assertThat(rig.stopAfter(1).dropped(DropReason.NO_ROUTE)).isEqualTo(1);
        }
    }

    @Test
    void anExactMatchFiveTupleRouteWinsOverTheHostRoute() {
        String routes = """
                10.1.2.3/32 0
                10.1.2.3 192.0.2.7 53 4000 0x11 1
                """;
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.EM, routes, UnaryOperator.identity())) {
            rig.l3fwd.start();
            rig.inject(0, Ipv4Frames.udp("192.0.2.7", "10.1.2.3", 4000, 53), Ipv4Frames.udp("192.0.2.7", "10.1.2.3", 4001, 53));

            assertThat(rig.collect(1, 1)).singleElement()
                    .satisfies(f -> assertThat(f[34] << 8 & 0xff00 | f[35] & 0xff).as("source port").isEqualTo(4000));
            assertThat(rig.collect(0, 1)).hasSize(1);
        }
    }

    @Test
    void anAclDenyRuleDropsBeforeALaterRoute() {
        String rules = """
                @0.0.0.0/0 10.1.2.3/32 0 : 65535 53 : 53 17/0xff
                R0.0.0.0/0 10.0.0.0/8 0 : 65535 0 : 65535 0/0 1
                """;
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.ACL, rules, UnaryOperator.identity())) {
            rig.l3fwd.start();
            rig.inject(0, Ipv4Frames.udp("192.0.2.7", "10.1.2.3", 4000, 53), Ipv4Frames.udp("192.0.2.7", "10.1.2.3", 4000, 54));

            assertThat(rig.collect(1, 1)).hasSize(1);
            L3fwdReport report = rig.stopAfter(2);
            assertThat(report.dropped(DropReason.ACL_DENIED)).isEqualTo(1);
            assertThat(report.balanced()).isTrue();
        }
    }

    private static final String MIXED_ROUTES = """
            10.0.0.0/8 0
            2001:db8::/32 0
            2001:db8:1::/48 1
            2001:db8:1:2::7/128 0
            """;

    @Test
    void anIpv6PacketLeavesByItsLongestMatchingPrefix() {
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.LPM, MIXED_ROUTES, UnaryOperator.identity())) {
            rig.l3fwd.start();
            rig.inject(0, Ipv4Frames.udp6("2001:db8:1:5::9", 64), Ipv4Frames.udp6("2001:db8:1:2::7", 64),
                    Ipv4Frames.udp6("2001:db8:7::1", 64));

            assertThat(rig.collect(1, 1)).singleElement().satisfies(f -> assertThat(Ipv4Frames.dst6Low(f)).isEqualTo(9));
            assertThat(rig.collect(0, 2)).extracting(Ipv4Frames::dst6Low).containsExactly(7L, 1L);
        }
    }

    @Test
    void ipv6ForwardingDecrementsTheHopLimitAndRewritesTheAddresses() {
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.LPM, MIXED_ROUTES, UnaryOperator.identity())) {
            rig.l3fwd.start();
            byte[] sent = Ipv4Frames.udp6("2001:db8:1::9", 64);
            rig.inject(0, sent);

            byte[] f = rig.collect(1, 1).getFirst();

            assertThat(Ipv4Frames.hopLimit(f)).isEqualTo(63);
            assertThat(dstMac(f)).isEqualTo(MacAddress.parse("02:00:00:00:00:01").bits());
            assertThat(srcMac(f)).isEqualTo(rig.l3fwd.ports().get(1).macAddress().bits());
            assertThat(Arrays.copyOfRange(f, 22, f.length)).as("everything after the hop limit")
                    .isEqualTo(Arrays.copyOfRange(sent, 22, sent.length));
        }
    }

    @Test
    void ipv4AndIpv6PacketsOfOneBurstAreBothRouted() {
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.LPM, MIXED_ROUTES, UnaryOperator.identity())) {
            rig.l3fwd.start();
            rig.inject(0, Ipv4Frames.udp6("2001:db8:1::1", 64), udp("10.1.1.1", 64), Ipv4Frames.udp6("2001:db8:1::2", 64));

            assertThat(rig.collect(1, 2)).extracting(Ipv4Frames::dst6Low).containsExactly(1L, 2L);
            assertThat(rig.collect(0, 1)).singleElement().satisfies(f -> assertThat(dst(f)).isEqualTo(Ipv4Frames.ip("10.1.1.1")));
        }
    }

    @Test
    void ipv6PacketsNotForwardedAreCountedUnderTheirReason() {
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.LPM, MIXED_ROUTES, UnaryOperator.identity())) {
            rig.l3fwd.start();
            byte[] truncated = Arrays.copyOf(Ipv4Frames.udp6("2001:db8:1::1", 64), 50);
            byte[] badVersion = Ipv4Frames.udp6("2001:db8:1::1", 64);
            badVersion[14] = 0x45;
            byte[] longPayload = Ipv4Frames.udp6("2001:db8:1::1", 64);
            longPayload[18] = 0x7f;   // payload length past the end of the frame
            rig.inject(0, truncated, badVersion, longPayload, Ipv4Frames.udp6("2001:db8:1::1", 1),
                    Ipv4Frames.udp6("2001:db8:1::1", 0), Ipv4Frames.udp6("3000::1", 64), Ipv4Frames.udp6("2001:db8:1::1", 2));

            L3fwdReport report = rig.stopAfter(7);

            assertThat(report.dropped(DropReason.MALFORMED)).isEqualTo(3);
            assertThat(report.dropped(DropReason.TTL_EXPIRED)).isEqualTo(2);
            assertThat(report.dropped(DropReason.NO_ROUTE)).isEqualTo(1);
            assertThat(report.port(1).tx()).as("the hop-limit-2 packet, forwarded with 1").isEqualTo(1);
            assertThat(report.balanced()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = LookupMode.class, names = {"EM", "ACL"})
    void lookupsWithoutIpv6RoutesCountIpv6PacketsAsNoRoute(LookupMode mode) {
        try (L3fwdRig rig = new L3fwdRig(2, mode, "10.1.2.3/32 1\n", UnaryOperator.identity())) {
            rig.l3fwd.start();
            rig.inject(0, Ipv4Frames.udp6("2001:db8:1::1", 64), udp("10.1.2.3", 64));

            assertThat(rig.collect(1, 1)).hasSize(1);
            L3fwdReport report = rig.stopAfter(2);
            assertThat(report.dropped(DropReason.NO_ROUTE)).isEqualTo(1);
            assertThat(report.balanced()).isTrue();
        }
    }

    @Test
    void packetsFromEveryPortAreRoutedAndCountedPerPort() {
        try (L3fwdRig rig = new L3fwdRig(2, LookupMode.LPM, PREFIX_ROUTES, UnaryOperator.identity())) {
            rig.l3fwd.start();
            rig.inject(0, udp("10.1.9.9", 64), udp("10.1.9.8", 64));
            rig.inject(1, udp("10.2.0.1", 64));

            assertThat(rig.collect(1, 2)).hasSize(2);
            assertThat(rig.collect(0, 1)).hasSize(1);
            L3fwdReport report = rig.stopAfter(3);
            assertThat(List.of(report.port(0).rx(), report.port(0).tx(), report.port(1).rx(), report.port(1).tx()))
                    .containsExactly(2L, 1L, 1L, 2L);
        }
    }
}
