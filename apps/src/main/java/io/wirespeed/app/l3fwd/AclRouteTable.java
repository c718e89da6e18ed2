package io.wirespeed.app.l3fwd;

import io.wirespeed.classify.acl.AclClassifier;
import io.wirespeed.classify.acl.AclContext;
import io.wirespeed.classify.acl.AclRule;

/**
 * {@code --lookup acl}: routes and deny rules over the IPv4 5-tuple, compiled into one classifier
 * (DPDK l3fwd-acl). Every rule's userdata is its ordinal; {@code actions[userdata]} is the port a
 * route leads to or {@link RouteLookup#DENIED} for a deny rule.
 */
final class AclRouteTable implements RouteTable {
    private final AclClassifier classifier;
    private final int[] actions;
    private final int routes;

    /** @param actions indexed by rule userdata (index 0 unused) */
    AclRouteTable(AclContext rules, int[] actions) {
        this.classifier = rules.build();
        this.actions = actions.clone();
        int r = 0;
        for (int i = 1; i < actions.length; i++) {
            r += actions[i] >= 0 ? 1 : 0;
        }
        this.routes = r;
    }

    @Override
    public RouteLookup newLookup() {
        return new Lookup(classifier, actions);
    }

    @Override
    public int size() {
        return actions.length - 1;
    }

    @Override
    public String describe() {
        AclClassifier.Stats s = classifier.stats();
        return "ACL: " + routes + " routes and " + (actions.length - 1 - routes) + " deny rules, " + s.nodes()
                + " tree nodes, " + s.memoryBytes() / 1024 + " KiB";
    }

    /** Classifies packet by packet into one category; allocates nothing. */
    private static final class Lookup implements RouteLookup {
        private final AclClassifier classifier;
        private final int[] actions;
        private final int[] result = new int[1];

        Lookup(AclClassifier classifier, int[] actions) {
            this.classifier = classifier;
            this.actions = actions;
        }

        @Override
        public void lookup(IpBurst burst, int[] hops) {
            int[] r = result;
            for (int i = 0; i < burst.count; i++) {
                int ports = burst.ports[i];
                classifier.classify(burst.protocols[i], burst.sources[i], burst.destinations[i], ports >>> 16,
                        ports & 0xffff, 1, r, 0);
                hops[i] = r[0] == 0 ? NO_ROUTE : actions[r[0]];
            }
        }
    }

    /** The priority of a {@code PREFIX PORT} route: longer prefixes first, then later lines (as LPM's replace). */
    static int prefixPriority(int depth, int ordinal) {
        return AclRule.MIN_PRIORITY + depth * 10_000_000 + Math.min(ordinal, 9_999_999);
    }
}
