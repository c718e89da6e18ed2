package io.wirespeed.classify.acl;

import java.util.List;

/**
 * The brute-force reference: scans every rule; per category keeps the matching rule of highest
 * priority, and among equal priorities the one added first (the classifier's documented tie rule).
 */
final class NaiveAcl {
    private final List<AclRule> rules;

    NaiveAcl(List<AclRule> rules) {
        this.rules = rules;
    }

    static boolean matches(AclRule r, int proto, int src, int dst, int sport, int dport) {
        long s = src & 0xffffffffL;
        long sLo = r.srcAddr() & 0xffffffffL;
        long sHi = sLo + (1L << (32 - r.srcPrefixLength())) - 1;
        long d = dst & 0xffffffffL;
        long dLo = r.dstAddr() & 0xffffffffL;
        long dHi = dLo + (1L << (32 - r.dstPrefixLength())) - 1;
        return (proto & r.protoMask()) == r.proto()
                && s >= sLo && s <= sHi && d >= dLo && d <= dHi
                && sport >= r.srcPortLow() && sport <= r.srcPortHigh()
                && dport >= r.dstPortLow() && dport <= r.dstPortHigh();
    }

    int[] classify(int proto, int src, int dst, int sport, int dport, int categories) {
        int[] result = new int[categories];
        int[] best = new int[categories];
        for (AclRule r : rules) {
            if (!matches(r, proto, src, dst, sport, dport)) {
                continue;
            }
            for (int c = 0; c < categories; c++) {
                if ((r.categoryMask() & (1 << c)) != 0 && r.priority() > best[c]) {
                    best[c] = r.priority();
                    result[c] = r.userdata();
                }
            }
        }
        return result;
    }
}
