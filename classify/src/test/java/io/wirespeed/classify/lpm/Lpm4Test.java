package io.wirespeed.classify.lpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.testkit.Allocations;
import java.util.List;
import org.junit.jupiter.api.Test;

class Lpm4Test {
    private static int ip(String text) {
        return Prefixes.parseAddress(text);
    }

    @Test
    void anEmptyTableMisses() {
        Lpm4 lpm = new Lpm4(16, 4);
        assertThat(lpm.lookup(ip("10.1.2.3"))).isEqualTo(Lpm4.MISS);
    }

    @Test
    void theLongestCoveringRouteWins() {
        Lpm4 lpm = new Lpm4(16, 4);
        lpm.add(ip("10.0.0.0"), 8, 1);
        lpm.add(ip("10.1.0.0"), 16, 2);
        lpm.add(ip("10.1.2.0"), 28, 3);
        assertThat(lpm.lookup(ip("10.9.9.9"))).isEqualTo(1);
        assertThat(lpm.lookup(ip("10.1.9.9"))).isEqualTo(2);
        assertThat(lpm.lookup(ip("10.1.2.15"))).isEqualTo(3);
        assertThat(lpm.lookup(ip("10.1.2.16"))).isEqualTo(2);
    }

    @Test
    void aShorterRouteAddedLaterDoesNotOverrideLongerOnes() {
        Lpm4 lpm = new Lpm4(16, 4);
        lpm.add(ip("10.1.2.128"), 25, 3);
        lpm.add(ip("10.1.0.0"), 16, 2);
        assertThat(lpm.lookup(ip("10.1.2.200"))).isEqualTo(3);
        assertThat(lpm.lookup(ip("10.1.2.1"))).isEqualTo(2);
    }

    @Test
    void deleteRestoresTheNextLessSpecificRoute() {
        Lpm4 lpm = new Lpm4(16, 4);
        lpm.add(ip("10.0.0.0"), 8, 1);
        lpm.add(ip("10.1.0.0"), 16, 2);
        lpm.add(ip("10.1.2.3"), 32, 3);
        assertThat(lpm.delete(ip("10.1.0.0"), 16)).isTrue();
        assertThat(lpm.lookup(ip("10.1.9.9"))).isEqualTo(1);
        assertThat(lpm.lookup(ip("10.1.2.3"))).isEqualTo(3);
        assertThat(lpm.delete(ip("10.1.2.3"), 32)).isTrue();
        assertThat(lpm.lookup(ip("10.1.2.3"))).isEqualTo(1);
        assertThat(lpm.delete(ip("10.1.2.3"), 32)).isFalse();
    }

    @Test
    void aHostRouteAndTheWholeSpaceAtTheEdges() {
        Lpm4 lpm = new Lpm4(16, 4);
        lpm.add(ip("0.0.0.0"), 1, 7);
        lpm.add(ip("128.0.0.0"), 1, 8);
        lpm.add(ip("255.255.255.255"), 32, 9);
        assertThat(lpm.lookup(ip("0.0.0.0"))).isEqualTo(7);
        assertThat(lpm.lookup(ip("127.255.255.255"))).isEqualTo(7);
        assertThat(lpm.lookup(ip("255.255.255.254"))).isEqualTo(8);
        assertThat(lpm.lookup(ip("255.255.255.255"))).isEqualTo(9);
    }

    @Test
    void addingTheSamePrefixAgainChangesItsNextHop() {
        Lpm4 lpm = new Lpm4(16, 4);
        lpm.add(ip("10.0.0.0"), 8, 1);
        lpm.add(ip("10.0.0.0"), 8, 5);
        assertThat(lpm.ruleCount()).isEqualTo(1);
        assertThat(lpm.lookup(ip("10.2.3.4"))).isEqualTo(5);
        assertThat(lpm.ruleNextHop(ip("10.0.0.0"), 8)).isEqualTo(5);
    }

    @Test
    void tbl8GroupsAreGivenBackWhenDeletesLeaveThemUniform() {
        Lpm4 lpm = new Lpm4(16, 4);
        lpm.add(ip("10.0.0.0"), 8, 1);
        lpm.add(ip("10.1.2.0"), 25, 2);
        lpm.add(ip("10.1.2.128"), 26, 3);
        lpm.add(ip("10.1.3.0"), 30, 4);
        assertThat(lpm.tbl8GroupsInUse()).isEqualTo(2);
        lpm.delete(ip("10.1.2.0"), 25);
        assertThat(lpm.tbl8GroupsInUse()).isEqualTo(2);
        lpm.delete(ip("10.1.2.128"), 26);
        lpm.delete(ip("10.1.3.0"), 30);
        assertThat(lpm.tbl8GroupsInUse()).isZero();
        assertThat(lpm.lookup(ip("10.1.2.200"))).isEqualTo(1);
    }

    @Test
    void runningOutOfTbl8GroupsIsAClearErrorThatChangesNothing() {
        Lpm4 lpm = new Lpm4(16, 1);
        lpm.add(ip("10.1.1.0"), 25, 1);
        assertThatThrownBy(() -> lpm.add(ip("10.1.2.0"), 25, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no free tbl8 group for 10.1.2.0/25");
        assertThat(lpm.ruleCount()).isEqualTo(1);
        assertThat(lpm.lookup(ip("10.1.2.1"))).isEqualTo(Lpm4.MISS);
    }

    @Test
    void runningOutOfRulesIsAClearError() {
        Lpm4 lpm = new Lpm4(1, 1);
        lpm.add(ip("10.0.0.0"), 8, 1);
        assertThatThrownBy(() -> lpm.add(ip("11.0.0.0"), 8, 1)).hasMessageContaining("LPM is full: 1 rules");
    }

    @Test
    void badDepthsAndNextHopsAreRefused() {
        Lpm4 lpm = new Lpm4(4, 1);
        assertThatThrownBy(() -> lpm.add(0, 0, 1)).hasMessageContaining("prefix length 0 out of range 1..32");
        assertThatThrownBy(() -> lpm.add(0, 33, 1)).hasMessageContaining("out of range 1..32");
        assertThatThrownBy(() -> lpm.add(0, 8, 1 << 24)).hasMessageContaining("next hop 16777216 out of range");
    }

    @Test
    void deleteAllEmptiesTheTable() {
        Lpm4 lpm = new Lpm4(16, 4);
        lpm.add(ip("10.0.0.0"), 8, 1);
        lpm.add(ip("10.1.1.0"), 28, 2);
        lpm.deleteAll();
        assertThat(lpm.ruleCount()).isZero();
        assertThat(lpm.tbl8GroupsInUse()).isZero();
        assertThat(lpm.lookup(ip("10.1.1.1"))).isEqualTo(Lpm4.MISS);
    }

    @Test
    void lookupsAllocateNothing() {
        Lpm4 lpm = new Lpm4(64, 16);
        lpm.add(ip("10.0.0.0"), 8, 1);
        lpm.add(ip("10.1.1.0"), 28, 2);
        int[] ips = new int[32];
        int[] hops = new int[32];
        for (int i = 0; i < ips.length; i++) {
            ips[i] = ip("10.1.1.0") + i * 3;
        }
        long[] sum = new long[1];
        Allocations.assertSteadyStateAllocatesNothing("Lpm4 lookups", () -> {
            for (int i = 0; i < 50_000; i++) {
                sum[0] += lpm.lookup(ips[i & 31]);
                lpm.lookupBulk(ips, 0, 32, hops);
            }
        });
        assertThat(sum[0]).isPositive();
    }

    @Test
    void routesFileLinesParseAndABadLineNamesItsNumber() {
        List<RouteFile.Route> routes = RouteFile.parse(List.of("# routes", "10.0.0.0/8 1", "", "192.168.1.7/24 0 # lan"));
        assertThat(routes).extracting(RouteFile.Route::toString).containsExactly("10.0.0.0/8 1", "192.168.1.0/24 0");
        assertThatThrownBy(() -> RouteFile.parse(List.of("10.0.0.0/8 1", "10.0.0.0/33 1")))
                .hasMessage("2: '10.0.0.0/33': prefix length must be 1..32");
        assertThatThrownBy(() -> RouteFile.parse(List.of("10.0.0/8 1")))
                .hasMessageStartingWith("1: '10.0.0' is not an IPv4 address");
        assertThatThrownBy(() -> RouteFile.parse(List.of("10.0.0.0/8 x")))
                .hasMessageStartingWith("1: port 'x' is not a number");
    }
}
