package io.wirespeed.ethdev;

/**
 * A port's basic statistics (DPDK's rte_eth_stats), plus the per-queue packet and byte counts.
 * {@code imissed}: dropped by the device for want of room; {@code rxNombuf}: not received for want
 * of an mbuf.
 */
public record PortStats(long ipackets, long opackets, long ibytes, long obytes, long imissed, long ierrors,
                        long oerrors, long rxNombuf, long[] qIpackets, long[] qIbytes, long[] qOpackets,
                        long[] qObytes) {
}
