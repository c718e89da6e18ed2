package io.wirespeed.classify.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random rule sets and tuples for the tests: a mix of wildcards, nested prefixes drawn from a
 * few networks (so rules overlap), exact and ranged ports, exact, masked and wild protocols.
 */
final class RandomRules {
    private static final int[] PROTOS = {6, 17, 1, 47};
    private static final int[] PORTS = {22, 53, 80, 443, 8080, 0, 65535};

    private final Random rnd;
    private final int[] networks;

    RandomRules(long seed) {
        rnd = new Random(seed);
        networks = new int[16];
        for (int i = 0; i < networks.length; i++) {
            networks[i] = rnd.nextInt();
        }
    }

    Random random() {
        return rnd;
    }

    /** {@code n} rules; priorities drawn from {@code 1..priorities} (few values make ties), categories from {@code categories}. */
    List<AclRule> rules(int n, int priorities, int categories) {
        List<AclRule> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            AclRule.Builder b = AclRule.builder()
                    .src(address(), prefixLength())
                    .dst(address(), prefixLength())
                    .priority(1 + rnd.nextInt(priorities))
                    .categoryMask(1 + rnd.nextInt((1 << categories) - 1))
                    .userdata(i + 1);
            int[] s = ports(true);
            int[] d = ports(false);
            b.srcPorts(s[0], s[1]).dstPorts(d[0], d[1]);
            int p = rnd.nextInt(10);
            if (p < 6) {
                b.proto(PROTOS[rnd.nextInt(PROTOS.length)]);
            } else if (p < 7) {
                b.proto(rnd.nextInt(256), rnd.nextInt(256));
            }
            out.add(b.build());
        }
        return out;
    }

    private int address() {
        int net = networks[rnd.nextInt(networks.length)];
        return rnd.nextInt(4) == 0 ? rnd.nextInt() : (net & 0xffff0000) | rnd.nextInt(1 << 16);
    }

    private int prefixLength() {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 8 + rnd.nextInt(9);
            case 2, 3 -> 17 + rnd.nextInt(15);
            default -> 32;
        };
    }

    private int[] ports(boolean source) {
        int k = rnd.nextInt(10);
        if (k < (source ? 6 : 3)) {
            return new int[] {0, 65535};
        }
        if (k < 7) {
            int p = rnd.nextBoolean() ? PORTS[rnd.nextInt(PORTS.length)] : rnd.nextInt(65536);
            return new int[] {p, p};
        }
        if (k < 8) {
            return new int[] {1024, 65535};
        }
        int a = rnd.nextInt(65536);
        int b = rnd.nextInt(65536);
        return new int[] {Math.min(a, b), Math.max(a, b)};
    }

    /** A tuple {proto, src, dst, sport, dport}: inside {@code rule} when given, else anywhere. */
    int[] tuple(AclRule rule) {
        if (rule == null) {
            int proto = rnd.nextBoolean() ? PROTOS[rnd.nextInt(PROTOS.length)] : rnd.nextInt(256);
            int src = rnd.nextBoolean() ? address() : rnd.nextInt();
            return new int[] {proto, src, address(), rnd.nextInt(65536), rnd.nextBoolean() ? PORTS[rnd.nextInt(PORTS.length)] : rnd.nextInt(65536)};
        }
        int proto = (rnd.nextInt(256) & ~rule.protoMask()) | rule.proto();
        return new int[] {proto, inside(rule.srcAddr(), rule.srcPrefixLength()), inside(rule.dstAddr(), rule.dstPrefixLength()),
            between(rule.srcPortLow(), rule.srcPortHigh()), between(rule.dstPortLow(), rule.dstPortHigh())};
    }

    private int inside(int addr, int length) {
        return addr | (rnd.nextInt() & ~AclRule.prefixMask(length));
    }

    private int between(int lo, int hi) {
        return switch (rnd.nextInt(4)) {
            case 0 -> lo;
            case 1 -> hi;
            default -> lo + rnd.nextInt(hi - lo + 1);
        };
    }
}
