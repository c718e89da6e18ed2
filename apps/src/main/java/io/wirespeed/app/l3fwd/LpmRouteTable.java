package io.wirespeed.app.l3fwd;

import io.wirespeed.classify.lpm.Lpm4;
import io.wirespeed.classify.lpm.RouteFile;
import java.util.List;

/** {@code --lookup lpm}: the routes in a DIR-24-8 table, looked up a burst at a time. */
final class LpmRouteTable implements RouteTable {
    private final Lpm4 lpm;

    LpmRouteTable(List<RouteFile.Route> routes) {
        int groups = Math.max(256, routes.size());
        lpm = new Lpm4(Math.max(1, routes.size()), groups);
        for (RouteFile.Route r : routes) {
            lpm.add(r.prefix(), r.depth(), r.port());
        }
    }

    @Override
    public RouteLookup newLookup() {
        // Lpm4's lookups keep no state, and the table is not written while forwarding runs.
        return (burst, hops) -> lpm.lookupBulk(burst.destinations, 0, burst.count, hops);
    }

    @Override
    public int size() {
        return lpm.ruleCount();
    }

    @Override
    public String describe() {
        return "LPM: " + lpm.ruleCount() + " IPv4 routes, " + lpm.tbl8GroupsInUse() + " tbl8 groups, "
                + lpm.tableBytes() / (1024 * 1024) + " MiB";
    }
}
