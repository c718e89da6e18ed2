package io.wirespeed.net;

/**
 * Packet types as {@code Mbuf.packetType()} holds them: DPDK's RTE_PTYPE_* values, one 4-bit
 * field per layer (L2, L3, L4, tunnel, inner L2, inner L3, inner L4), each field one value of an
 * enumeration, not a set of bits. Wirespeed adds {@link #MALFORMED} in bit 28, which DPDK leaves
 * unused.
 */
public final class PacketType {
    public static final int UNKNOWN = 0;

    public static final int L2_ETHER = 0x0000_0001;
    public static final int L2_ETHER_ARP = 0x0000_0003;
    public static final int L2_ETHER_VLAN = 0x0000_0006;
    public static final int L2_ETHER_QINQ = 0x0000_0007;
    public static final int L2_MASK = 0x0000_000f;

    public static final int L3_IPV4 = 0x0000_0010;
    /** IPv4 with options (IHL above 5). */
    public static final int L3_IPV4_EXT = 0x0000_0030;
    public static final int L3_IPV6 = 0x0000_0040;
    /** IPv4 with or without options: used by hardware that does not tell; the parser never sets it. */
    public static final int L3_IPV4_EXT_UNKNOWN = 0x0000_0090;
    /** IPv6 whose next header is an extension header. */
    public static final int L3_IPV6_EXT = 0x0000_00c0;
    /** IPv6 with or without extension headers: for hardware; the parser never sets it. */
    public static final int L3_IPV6_EXT_UNKNOWN = 0x0000_00e0;
    public static final int L3_MASK = 0x0000_00f0;

    public static final int L4_TCP = 0x0000_0100;
    public static final int L4_UDP = 0x0000_0200;
    /** An IP fragment (first or not): its L4 header is not classified. */
    public static final int L4_FRAG = 0x0000_0300;
    public static final int L4_SCTP = 0x0000_0400;
    /** ICMP, and ICMPv6 too, as DPDK's drivers report it. */
    public static final int L4_ICMP = 0x0000_0500;
    /** A whole (non-fragmented) IP packet of another protocol. */
    public static final int L4_NONFRAG = 0x0000_0600;
    public static final int L4_MASK = 0x0000_0f00;

    public static final int TUNNEL_VXLAN = 0x0000_3000;
    public static final int TUNNEL_MASK = 0x0000_f000;

    public static final int INNER_L2_ETHER = 0x0001_0000;
    public static final int INNER_L2_ETHER_VLAN = 0x0002_0000;
    public static final int INNER_L2_ETHER_QINQ = 0x0003_0000;
    public static final int INNER_L2_MASK = 0x000f_0000;

    public static final int INNER_L3_IPV4 = 0x0010_0000;
    public static final int INNER_L3_IPV4_EXT = 0x0020_0000;
    public static final int INNER_L3_IPV6 = 0x0030_0000;
    public static final int INNER_L3_IPV4_EXT_UNKNOWN = 0x0040_0000;
    public static final int INNER_L3_IPV6_EXT = 0x0050_0000;
    public static final int INNER_L3_IPV6_EXT_UNKNOWN = 0x0060_0000;
    public static final int INNER_L3_MASK = 0x00f0_0000;

    public static final int INNER_L4_TCP = 0x0100_0000;
    public static final int INNER_L4_UDP = 0x0200_0000;
    public static final int INNER_L4_FRAG = 0x0300_0000;
    public static final int INNER_L4_SCTP = 0x0400_0000;
    public static final int INNER_L4_ICMP = 0x0500_0000;
    public static final int INNER_L4_NONFRAG = 0x0600_0000;
    public static final int INNER_L4_MASK = 0x0f00_0000;

    /** Wirespeed's own: the parser stopped at a malformed header; the fields hold what it parsed before. */
    public static final int MALFORMED = 1 << 28;

    private PacketType() {}

    public static boolean isMalformed(int type) {
        return (type & MALFORMED) != 0;
    }

    /** DPDK's names of the fields set in {@code type}, space-separated ("L2_ETHER L3_IPV4 L4_UDP"); control path. */
    public static String toString(int type) {
        StringBuilder out = new StringBuilder();
        append(out, l2Name(type & L2_MASK), "L2_");
        append(out, l3Name(type & L3_MASK), "L3_");
        append(out, l4Name(type & L4_MASK), "L4_");
        append(out, (type & TUNNEL_MASK) == TUNNEL_VXLAN ? "VXLAN" : unknown(type & TUNNEL_MASK), "TUNNEL_");
        append(out, innerL2Name(type & INNER_L2_MASK), "INNER_L2_");
        append(out, innerL3Name(type & INNER_L3_MASK), "INNER_L3_");
        // The inner L4 values are the outer ones 16 bits up (not so for L2 and L3).
        append(out, l4Name((type & INNER_L4_MASK) >>> 16), "INNER_L4_");
        if (isMalformed(type)) {
            append(out, "MALFORMED", "");
        }
        if ((type & ~(MALFORMED | 0x0fff_ffff)) != 0) {
            append(out, "0x" + Integer.toHexString(type & ~(MALFORMED | 0x0fff_ffff)), "");
        }
        return out.isEmpty() ? "UNKNOWN" : out.toString();
    }

    private static void append(StringBuilder out, String name, String prefix) {
        if (name == null) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(prefix).append(name);
    }

    private static String unknown(int value) {
        return value == 0 ? null : "0x" + Integer.toHexString(value);
    }

    private static String l2Name(int value) {
        return switch (value) {
            case L2_ETHER -> "ETHER";
            case L2_ETHER_ARP -> "ETHER_ARP";
            case L2_ETHER_VLAN -> "ETHER_VLAN";
            case L2_ETHER_QINQ -> "ETHER_QINQ";
            default -> unknown(value);
        };
    }

    private static String l3Name(int value) {
        return switch (value) {
            case L3_IPV4 -> "IPV4";
            case L3_IPV4_EXT -> "IPV4_EXT";
            case L3_IPV6 -> "IPV6";
            case L3_IPV4_EXT_UNKNOWN -> "IPV4_EXT_UNKNOWN";
            case L3_IPV6_EXT -> "IPV6_EXT";
            case L3_IPV6_EXT_UNKNOWN -> "IPV6_EXT_UNKNOWN";
            default -> unknown(value);
        };
    }

    private static String innerL2Name(int value) {
        return switch (value) {
            case INNER_L2_ETHER -> "ETHER";
            case INNER_L2_ETHER_VLAN -> "ETHER_VLAN";
            case INNER_L2_ETHER_QINQ -> "ETHER_QINQ";
            default -> unknown(value);
        };
    }

    private static String innerL3Name(int value) {
        return switch (value) {
            case INNER_L3_IPV4 -> "IPV4";
            case INNER_L3_IPV4_EXT -> "IPV4_EXT";
            case INNER_L3_IPV6 -> "IPV6";
            case INNER_L3_IPV4_EXT_UNKNOWN -> "IPV4_EXT_UNKNOWN";
            case INNER_L3_IPV6_EXT -> "IPV6_EXT";
            case INNER_L3_IPV6_EXT_UNKNOWN -> "IPV6_EXT_UNKNOWN";
            default -> unknown(value);
        };
    }

    private static String l4Name(int value) {
        return switch (value) {
            case L4_TCP -> "TCP";
            case L4_UDP -> "UDP";
            case L4_FRAG -> "FRAG";
            case L4_SCTP -> "SCTP";
            case L4_ICMP -> "ICMP";
            case L4_NONFRAG -> "NONFRAG";
            default -> unknown(value);
        };
    }
}
