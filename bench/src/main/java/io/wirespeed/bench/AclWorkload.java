package io.wirespeed.bench;

import io.wirespeed.classify.acl.AclRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded classbench-like ACL workload: rules with the field mix of classbench's ACL seeds
 * (mostly exact or long destination prefixes over a few hundred /16 networks and never a wild
 * destination, wild or prefixed sources, wild source ports, well-known or ranged destination ports, mostly TCP and UDP), and
 * traces of which every other tuple falls inside a rule drawn at random. The same seed gives the
 * same rules and traces, so a benchmark and the files written for dpdk-test-acl hold the same work.
 *
 * <p>Rules are ranked as dpdk-test-acl ranks the lines of its {@code --rulesf}: the n-th (1-based)
 * has priority {@code MAX_PRIORITY - n}, userdata {@code n} and all categories.
 */
public final class AclWorkload {
    private static final int[] WELL_KNOWN = {20, 21, 22, 23, 25, 53, 80, 110, 123, 143, 161, 389, 443, 445, 993, 995,
        1433, 3306, 3389, 5060, 8080};

    private final Random rnd;
    private final int[] networks;

    public AclWorkload(long seed) {
        rnd = new Random(seed);
        networks = new int[256];
        for (int i = 0; i < networks.length; i++) {
            networks[i] = rnd.nextInt() & 0xffff0000;
        }
    }

    /** {@code n} rules, ranked by their index (the first is the best). */
    public List<AclRule> rules(int n) {
        List<AclRule> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AclRule.Builder b = AclRule.builder()
                    .priority(AclRule.MAX_PRIORITY - (i + 1)).categoryMask(AclRule.ALL_CATEGORIES).userdata(i + 1);
            int s = rnd.nextInt(100);
            b.src(address(), s < 30 ? 0 : s < 40 ? 8 + rnd.nextInt(9) : s < 65 ? 17 + rnd.nextInt(12) : 32);
            int d = rnd.nextInt(100);
            b.dst(address(), d < 5 ? 8 + rnd.nextInt(8) : d < 20 ? 16 + rnd.nextInt(9) : d < 50 ? 25 + rnd.nextInt(7) : 32);
            int sp = rnd.nextInt(100);
            if (sp >= 95) {
                b.srcPort(rnd.nextInt(65536));
            } else if (sp >= 90) {
                b.srcPorts(1024, 65535);
            }
            int dp = rnd.nextInt(100);
            if (dp >= 30 && dp < 75) {
                b.dstPort(WELL_KNOWN[rnd.nextInt(WELL_KNOWN.length)]);
            } else if (dp >= 75 && dp < 90) {
                b.dstPorts(1024, 65535);
            } else if (dp >= 90) {
                int lo = rnd.nextInt(65536);
                b.dstPorts(lo, Math.min(65535, lo + rnd.nextInt(4096)));
            }
            int p = rnd.nextInt(100);
            if (p < 65) {
                b.proto(6);
            } else if (p < 90) {
                b.proto(17);
            } else if (p < 93) {
                b.proto(1);
            } // else any protocol
            out.add(b.build());
        }
        return out;
    }

    private int address() {
        return networks[rnd.nextInt(networks.length)] | rnd.nextInt(1 << 16);
    }

    /** {@code count} tuples {proto, src, dst, sport, dport} (host order); the even ones inside a random rule. */
    public int[][] traces(List<AclRule> rules, int count) {
        int[][] out = new int[count][];
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0 && !rules.isEmpty()) {
                AclRule r = rules.get(rnd.nextInt(rules.size()));
                out[i] = new int[] {(rnd.nextInt(256) & ~r.protoMask()) | r.proto(),
                    r.srcAddr() | (rnd.nextInt() & ~AclRule.prefixMask(r.srcPrefixLength())),
                    r.dstAddr() | (rnd.nextInt() & ~AclRule.prefixMask(r.dstPrefixLength())),
                    r.srcPortLow() + rnd.nextInt(r.srcPortHigh() - r.srcPortLow() + 1),
                    r.dstPortLow() + rnd.nextInt(r.dstPortHigh() - r.dstPortLow() + 1)};
            } else {
                out[i] = new int[] {rnd.nextInt(4) == 0 ? 17 : 6, address(), address(), 1024 + rnd.nextInt(64512),
                    rnd.nextBoolean() ? WELL_KNOWN[rnd.nextInt(WELL_KNOWN.length)] : rnd.nextInt(65536)};
            }
        }
        return out;
    }
}
