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

    /** Sets {@code hops[i]}, for every packet of the burst, to its output port, {@link #NO_ROUTE} or {@link #DENIED}. */
    void lookup(Ipv4Burst burst, int[] hops);
}
