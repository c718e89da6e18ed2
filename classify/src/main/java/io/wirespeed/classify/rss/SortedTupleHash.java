package io.wirespeed.classify.rss;

/**
 * Symmetric RSS by ordering: before hashing, the (address, port) endpoint that compares lower
 * (address first, unsigned, then port) is put in the source place, so (a, b) and (b, a) hash
 * alike with any key. Its values are not what a NIC computes for the packet: when the hash must
 * agree with a NIC, program the NIC with {@link ToeplitzHash#symmetricKey()} and use
 * {@link ToeplitzHash} directly instead. Thread-safe; allocates nothing.
 */
public final class SortedTupleHash {
    private final ToeplitzHash hash;

    /** Orders tuples, then hashes them with {@code hash}. */
    public SortedTupleHash(ToeplitzHash hash) {
        this.hash = hash;
    }

    /** The hash underneath. */
    public ToeplitzHash hash() {
        return hash;
    }

    /** The IPv4 2-tuple hash, the lower address first. */
    public int ipv4(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? hash.ipv4(a, b) : hash.ipv4(b, a);
    }

    /** The IPv4 4-tuple hash, the lower endpoint first. */
    public int ipv4(int srcAddr, int dstAddr, int srcPort, int dstPort) {
        int c = Integer.compareUnsigned(srcAddr, dstAddr);
        if (c < 0 || (c == 0 && (srcPort & 0xffff) <= (dstPort & 0xffff))) {
            return hash.ipv4(srcAddr, dstAddr, srcPort, dstPort);
        }
        return hash.ipv4(dstAddr, srcAddr, dstPort, srcPort);
    }

    /** The IPv6 2-tuple hash, the lower address first. */
    public int ipv6(long aHi, long aLo, long bHi, long bLo) {
        return compare(aHi, aLo, bHi, bLo) <= 0 ? hash.ipv6(aHi, aLo, bHi, bLo) : hash.ipv6(bHi, bLo, aHi, aLo);
    }

    /** The IPv6 4-tuple hash, the lower endpoint first. */
    public int ipv6(long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort) {
        int c = compare(srcHi, srcLo, dstHi, dstLo);
        if (c < 0 || (c == 0 && (srcPort & 0xffff) <= (dstPort & 0xffff))) {
            return hash.ipv6(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort);
        }
        return hash.ipv6(dstHi, dstLo, srcHi, srcLo, dstPort, srcPort);
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}
