package io.wirespeed.ethdev;

/** One extended statistic: DPDK's name, e.g. {@code rx_q0_packets}, and its value. */
public record XStat(String name, long value) {
}
