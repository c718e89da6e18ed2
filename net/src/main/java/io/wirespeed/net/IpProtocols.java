package io.wirespeed.net;

/** IP protocol numbers (IPv4 protocol, IPv6 next header) that the parser and builders know. */
public final class IpProtocols {
    public static final int HOP_BY_HOP = 0;
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;
    public static final int SCTP = 132;

    private IpProtocols() {}

    /** The IPv6 extension headers DPDK counts for L3_IPV6_EXT: hop-by-hop, routing, fragment, ESP, AH, destination options. */
    public static boolean isIpv6Extension(int nextHeader) {
        return switch (nextHeader) {
            case HOP_BY_HOP, ROUTING, FRAGMENT, ESP, AH, DESTINATION_OPTIONS -> true;
            default -> false;
        };
    }
}
