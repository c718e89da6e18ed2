package io.wirespeed.mbuf;

/**
 * Bits of {@link Mbuf#offloadFlags()}: what a receive path found out about a packet, and what a
 * transmit path is asked to do for it. Named after DPDK's RTE_MBUF_F_RX_* and RTE_MBUF_F_TX_*;
 * the bit positions are Wirespeed's own.
 */
public final class OffloadFlags {
    /** The packet carried a VLAN tag; {@link Mbuf#vlanTci()} holds it. */
    public static final long RX_VLAN = 1L;
    /** The VLAN tag was removed from the data (and is in {@link Mbuf#vlanTci()}). */
    public static final long RX_VLAN_STRIPPED = 1L << 1;
    /** {@link Mbuf#rssHash()} holds the RSS hash. */
    public static final long RX_RSS_HASH = 1L << 2;
    /** A flow rule matched the packet. */
    public static final long RX_FDIR = 1L << 3;
    /** {@link Mbuf#flowMark()} holds a flow rule's MARK. */
    public static final long RX_FDIR_ID = 1L << 4;
    public static final long RX_IP_CKSUM_GOOD = 1L << 5;
    public static final long RX_IP_CKSUM_BAD = 1L << 6;
    public static final long RX_L4_CKSUM_GOOD = 1L << 7;
    public static final long RX_L4_CKSUM_BAD = 1L << 8;
    /** The outer (service) VLAN tag of a QinQ packet is in {@link Mbuf#vlanTciOuter()}. */
    public static final long RX_QINQ = 1L << 9;
    public static final long RX_QINQ_STRIPPED = 1L << 10;

    /** Insert {@link Mbuf#vlanTci()} as a VLAN tag on transmit. */
    public static final long TX_VLAN = 1L << 32;
    /** Insert {@link Mbuf#vlanTciOuter()} as an outer tag on transmit. */
    public static final long TX_QINQ = 1L << 33;
    public static final long TX_IPV4 = 1L << 34;
    public static final long TX_IPV6 = 1L << 35;
    /** Compute the IPv4 header checksum on transmit (needs l2/l3 lengths). */
    public static final long TX_IP_CKSUM = 1L << 36;
    public static final long TX_TCP_CKSUM = 1L << 37;
    public static final long TX_UDP_CKSUM = 1L << 38;

    private OffloadFlags() {}
}
