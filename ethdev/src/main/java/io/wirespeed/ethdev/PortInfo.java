package io.wirespeed.ethdev;

/** What a driver's ports can do (DPDK's rte_eth_dev_info, the parts the kit uses). */
public record PortInfo(String driverName, int maxRxQueues, int maxTxQueues, int minDescriptors, int maxDescriptors,
                       int maxRxPacketLength) {
    public PortInfo {
        if (maxRxQueues < 1 || maxTxQueues < 1 || minDescriptors < 1 || maxDescriptors < minDescriptors) {
            throw new IllegalArgumentException("inconsistent port info for " + driverName);
        }
    }
}
