package io.wirespeed.app.l3fwd;

/**
 * One forwarding lcore's way of finding output ports: a lookup may keep scratch state, so each
 * lcore has its own (see {@link RouteTable#newLookup()}).
 */
interface RouteLookup {
    /** {@code hops[i]} when packet i has no route. */
    int NO_ROUTE = io.wirespeed.classify.lpm.Lpm4.MISS;
    /** {@code hops[i]} when an ACL rule denies packet i. */
    int DENIED = -2;

    /**
     * Sets {@code hops[i]}, for every IPv4 packet of the burst ({@code i < burst.count}), to its
     * output port, {@link #NO_ROUTE} or {@link #DENIED}.
     */
    void lookup(IpBurst burst, int[] hops);

    /**
     * The same for the IPv6 packets ({@code burst.capacity <= i < burst.capacity + burst.count6}).
     * A table without IPv6 routes finds none.
     */
    default void lookup6(IpBurst burst, int[] hops) {
        java.util.Arrays.fill(hops, burst.capacity, burst.capacity + burst.count6, NO_ROUTE);
    }
}
