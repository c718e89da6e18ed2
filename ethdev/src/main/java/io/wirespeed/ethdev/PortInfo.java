package io.wirespeed.ethdev;

/**
 * What a driver's ports can do (DPDK's rte_eth_dev_info, the parts the kit uses).
 * {@code preferredDescriptors} is the ring size the driver works best with (DPDK's
 * default_rxportconf and default_txportconf ring_size), 0 when it has no preference; applications
 * use it when the user gives no size.
 */
public record PortInfo(String driverName, int maxRxQueues, int maxTxQueues, int minDescriptors, int maxDescriptors,
                       int maxRxPacketLength, int preferredDescriptors) {
    public PortInfo {
        if (maxRxQueues < 1 || maxTxQueues < 1 || minDescriptors < 1 || maxDescriptors < minDescriptors
                || preferredDescriptors < 0 || preferredDescriptors > maxDescriptors) {
            throw new IllegalArgumentException("inconsistent port info for " + driverName);
        }
    }

    /** A driver without a preferred ring size. */
    public PortInfo(String driverName, int maxRxQueues, int maxTxQueues, int minDescriptors, int maxDescriptors,
                    int maxRxPacketLength) {
        this(driverName, maxRxQueues, maxTxQueues, minDescriptors, maxDescriptors, maxRxPacketLength, 0);
    }

    /** The ring size to use when the user asked for {@code requested} (0: no choice made). */
    public int descriptors(int requested, int fallback) {
        if (requested > 0) {
            return requested;
        }
        return preferredDescriptors > 0 ? preferredDescriptors : fallback;
    }
}
