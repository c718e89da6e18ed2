package io.wirespeed.classify.lpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.testkit.Allocations;
import org.junit.jupiter.api.Test;

class Lpm6Test {
    private static int lookup(Lpm6 lpm, String address) {
        var a = Ipv6Prefixes.parseAddress(address);
        return lpm.lookup(a.high(), a.low());
    }

    private static void add(Lpm6 lpm, String prefix, int hop) {
        var p = Ipv6Prefixes.parsePrefix(prefix);
        lpm.add(p.high(), p.low(), p.depth(), hop);
    }

    private static boolean delete(Lpm6 lpm, String prefix) {
        var p = Ipv6Prefixes.parsePrefix(prefix);
        return lpm.delete(p.high(), p.low(), p.depth());
    }

    @Test
    void anEmptyTableMisses() {
        assertThat(lookup(new Lpm6(16, 16), "2001:db8::1")).isEqualTo(Lpm6.MISS);
    }

    @Test
    void theLongestCoveringRouteWinsAtEveryLevel() {
        Lpm6 lpm = new Lpm6(16, 64);
        add(lpm, "2000::/3", 1);
        add(lpm, "2001:db8::/32", 2);
        add(lpm, "2001:db8:1::/48", 3);
        add(lpm, "2001:db8:1:2::/64", 4);
        add(lpm, "2001:db8:1:2::80/121", 5);
        add(lpm, "2001:db8:1:2::1/128", 6);
        assertThat(lookup(lpm, "3fff::1")).isEqualTo(1);
        assertThat(lookup(lpm, "2001:db8:ffff::1")).isEqualTo(2);
        assertThat(lookup(lpm, "2001:db8:1:ffff::1")).isEqualTo(3);
        assertThat(lookup(lpm, "2001:db8:1:2:ffff::1")).isEqualTo(4);
        assertThat(lookup(lpm, "2001:db8:1:2::ff")).isEqualTo(5);
        assertThat(lookup(lpm, "2001:db8:1:2::1")).isEqualTo(6);
        assertThat(lookup(lpm, "2001:db8:1:2::2")).isEqualTo(4);
        assertThat(lookup(lpm, "4000::")).isEqualTo(Lpm6.MISS);
    }

    @Test
    void aShorterRouteAddedLaterDoesNotOverrideLongerOnes() {
        Lpm6 lpm = new Lpm6(16, 64);
        add(lpm, "2001:db8:1:2::/64", 4);
        add(lpm, "2001:db8::/32", 2);
        assertThat(lookup(lpm, "2001:db8:1:2::9")).isEqualTo(4);
        assertThat(lookup(lpm, "2001:db8:1:3::9")).isEqualTo(2);
    }

    @Test
    void deleteRestoresTheNextLessSpecificRoute() {
        Lpm6 lpm = new Lpm6(16, 64);
        add(lpm, "2001::/16", 1);
        add(lpm, "2001:db8::/32", 2);
        add(lpm, "2001:db8::1/128", 3);
        assertThat(delete(lpm, "2001:db8::/32")).isTrue();
        assertThat(lookup(lpm, "2001:db8::2")).isEqualTo(1);
        assertThat(lookup(lpm, "2001:db8::1")).isEqualTo(3);
        assertThat(delete(lpm, "2001:db8::1/128")).isTrue();
        assertThat(lookup(lpm, "2001:db8::1")).isEqualTo(1);
        assertThat(delete(lpm, "2001:db8::1/128")).isFalse();
        assertThat(lpm.ruleCount()).isEqualTo(1);
    }

    @Test
    void groupsAreGivenBackWhenDeletesLeaveThemUniform() {
        Lpm6 lpm = new Lpm6(16, 64);
        add(lpm, "2001:db8::/32", 1);
        add(lpm, "2001:db8::1/128", 2);
        // A /128 under a /24 slot takes one group per byte after the third: 13.
        assertThat(lpm.tbl8GroupsInUse()).isEqualTo(13);
        add(lpm, "2001:db8::2/128", 3);
        assertThat(lpm.tbl8GroupsInUse()).isEqualTo(13);
        delete(lpm, "2001:db8::1/128");
        assertThat(lpm.tbl8GroupsInUse()).isEqualTo(13);
        delete(lpm, "2001:db8::2/128");
        assertThat(lpm.tbl8GroupsInUse()).isEqualTo(1);   // the /32 still splits its /24 slot
        delete(lpm, "2001:db8::/32");
        assertThat(lpm.tbl8GroupsInUse()).isZero();
        assertThat(lookup(lpm, "2001:db8::1")).isEqualTo(Lpm6.MISS);
    }

    @Test
    void runningOutOfGroupsIsAClearErrorThatChangesNothing() {
        Lpm6 lpm = new Lpm6(16, 4);
        add(lpm, "2001:db8::/48", 1);
        assertThat(lpm.tbl8GroupsInUse()).isEqualTo(3);
        assertThatThrownBy(() -> add(lpm, "2002:db8::/48", 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no free tbl8 group for 2002:db8::/48 (needs 3, 1 of 4 free)");
        assertThat(lpm.ruleCount()).isEqualTo(1);
        assertThat(lpm.tbl8GroupsInUse()).isEqualTo(3);
        assertThat(lookup(lpm, "2002:db8::1")).isEqualTo(Lpm6.MISS);
    }

    @Test
    void runningOutOfRulesIsAClearError() {
        Lpm6 lpm = new Lpm6(1, 4);
        add(lpm, "2001::/16", 1);
        assertThatThrownBy(() -> add(lpm, "2002::/16", 1)).hasMessageContaining("LPM6 is full: 1 rules");
    }

    @Test
    void badDepthsAndNextHopsAreRefused() {
        Lpm6 lpm = new Lpm6(4, 4);
        assertThatThrownBy(() -> lpm.add(0, 0, 0, 1)).hasMessageContaining("prefix length 0 out of range 1..128");
        assertThatThrownBy(() -> lpm.add(0, 0, 129, 1)).hasMessageContaining("out of range 1..128");
        assertThatThrownBy(() -> lpm.add(0, 0, 8, 1 << 21)).hasMessageContaining("next hop 2097152 out of range");
    }

    @Test
    void addingTheSamePrefixAgainChangesItsNextHop() {
        Lpm6 lpm = new Lpm6(16, 16);
        add(lpm, "2001:db8::/40", 1);
        add(lpm, "2001:db8::/40", 7);
        assertThat(lpm.ruleCount()).isEqualTo(1);
        assertThat(lookup(lpm, "2001:db8::5")).isEqualTo(7);
        var p = Ipv6Prefixes.parsePrefix("2001:db8::/40");
        assertThat(lpm.ruleNextHop(p.high(), p.low(), 40)).isEqualTo(7);
        assertThat(lpm.isRulePresent(p.high(), p.low(), 41)).isFalse();
    }

    @Test
    void deleteAllEmptiesTheTable() {
        Lpm6 lpm = new Lpm6(16, 16);
        add(lpm, "2001:db8::/40", 1);
        add(lpm, "2001:db8::1/128", 2);
        lpm.deleteAll();
        assertThat(lpm.ruleCount()).isZero();
        assertThat(lpm.tbl8GroupsInUse()).isZero();
        assertThat(lookup(lpm, "2001:db8::1")).isEqualTo(Lpm6.MISS);
        add(lpm, "2001:db8::1/128", 3);
        assertThat(lookup(lpm, "2001:db8::1")).isEqualTo(3);
    }

    @Test
    void lookupsAllocateNothing() {
        Lpm6 lpm = new Lpm6(64, 64);
        add(lpm, "2001:db8::/32", 1);
        add(lpm, "2001:db8::/120", 2);
        long high = 0x2001_0db8_0000_0000L;
        long[] highs = new long[32];
        long[] lows = new long[32];
        int[] hops = new int[32];
        for (int i = 0; i < 32; i++) {
            highs[i] = high;
            lows[i] = i * 13L;
        }
        long[] sum = new long[1];
        Allocations.assertSteadyStateAllocatesNothing("Lpm6 lookups", () -> {
            for (int i = 0; i < 50_000; i++) {
                sum[0] += lpm.lookup(high, i & 511);
                lpm.lookupBulk(highs, lows, 0, 32, hops);
            }
        });
        assertThat(sum[0]).isPositive();
    }
}
