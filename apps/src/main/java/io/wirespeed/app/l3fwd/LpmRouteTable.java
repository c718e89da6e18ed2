package io.wirespeed.app.l3fwd;

import io.wirespeed.classify.lpm.Lpm4;
import io.wirespeed.classify.lpm.Lpm6;
import io.wirespeed.classify.lpm.RouteFile;

/**
 * {@code --lookup lpm}: IPv4 routes in a DIR-24-8 table and IPv6 routes in an rte_lpm6-style
 * tree, each looked up a burst at a time. The IPv6 table is built only when the file has IPv6
 * routes (its first level alone takes 64 MiB).
 */
final class LpmRouteTable implements RouteTable {
    private final Lpm4 lpm;
    private final Lpm6 lpm6;

    LpmRouteTable(RouteFile.Routes routes) {
        int groups = Math.max(256, routes.ipv4().size());
        lpm = new Lpm4(Math.max(1, routes.ipv4().size()), groups);
        for (RouteFile.Route r : routes.ipv4()) {
            lpm.add(r.prefix(), r.depth(), r.port());
        }
        if (routes.ipv6().isEmpty()) {
            lpm6 = null;
        } else {
            lpm6 = new Lpm6(routes.ipv6().size(), Lpm6.groupsNeeded(routes.ipv6()));
            for (RouteFile.Route6 r : routes.ipv6()) {
                lpm6.add(r.high(), r.low(), r.depth(), r.port());
            }
        }
    }

    @Override
    public RouteLookup newLookup() {
        // The tables' lookups keep no state, and the tables are not written while forwarding runs.
        Lpm6 v6 = lpm6;
        return new RouteLookup() {
            @Override
            public void lookup(IpBurst burst, int[] hops) {
                lpm.lookupBulk(burst.destinations, 0, burst.count, hops);
            }

            @Override
            public void lookup6(IpBurst burst, int[] hops) {
                if (v6 == null) {
                    RouteLookup.super.lookup6(burst, hops);
                } else {
                    v6.lookupBulk(burst.destinationHighs, burst.destinationLows, burst.capacity, burst.count6, hops);
                }
            }
        };
    }

    @Override
    public int size() {
        return lpm.ruleCount() + (lpm6 == null ? 0 : lpm6.ruleCount());
    }

    @Override
    public String describe() {
        String v4 = "LPM: " + lpm.ruleCount() + " IPv4 routes, " + lpm.tbl8GroupsInUse() + " tbl8 groups, "
                + lpm.tableBytes() / (1024 * 1024) + " MiB";
        return lpm6 == null ? v4 : v4 + "; " + lpm6.ruleCount() + " IPv6 routes, " + lpm6.tbl8GroupsInUse()
                + " tbl8 groups, " + lpm6.tableBytes() / (1024 * 1024) + " MiB";
    }
}
