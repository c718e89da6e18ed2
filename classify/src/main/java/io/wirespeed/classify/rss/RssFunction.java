package io.wirespeed.classify.rss;

/**
 * A port's RSS configuration applied to one packet's fields: the {@link RssHashTypes} pick the
 * fields, the {@link ToeplitzHash} hashes them. A packet its types do not cover hashes to 0 (a
 * NIC then reports no hash); {@link RssHashTypes#ipv4Input(int)} tells the two apart.
 * Thread-safe; allocates nothing.
 */
public final class RssFunction {
    private final ToeplitzHash hash;
    private final RssHashTypes types;

    /** Hashes what {@code types} select with {@code hash}. */
    public RssFunction(ToeplitzHash hash, RssHashTypes types) {
        this.hash = hash;
        this.types = types;
    }

    public ToeplitzHash hash() {
        return hash;
    }

    public RssHashTypes types() {
        return types;
    }

    /**
     * The RSS hash of an IPv4 packet; {@code l4Protocol} is its protocol field, or -1 for a
     * fragment (ports unknown); the ports are read only when the types ask for them.
     */
    public int ipv4(int src, int dst, int l4Protocol, int srcPort, int dstPort) {
        return switch (types.ipv4Input(l4Protocol)) {
            case NONE -> 0;
            case ADDRESSES -> hash.ipv4(src, dst);
            case ADDRESSES_AND_PORTS -> hash.ipv4(src, dst, srcPort, dstPort);
        };
    }

    /** The RSS hash of an IPv6 packet, as {@link #ipv4(int, int, int, int, int)}. */
    public int ipv6(long srcHi, long srcLo, long dstHi, long dstLo, int l4Protocol, int srcPort, int dstPort) {
        return switch (types.ipv6Input(l4Protocol)) {
            case NONE -> 0;
            case ADDRESSES -> hash.ipv6(srcHi, srcLo, dstHi, dstLo);
            case ADDRESSES_AND_PORTS -> hash.ipv6(srcHi, srcLo, dstHi, dstLo, srcPort, dstPort);
        };
    }
}
