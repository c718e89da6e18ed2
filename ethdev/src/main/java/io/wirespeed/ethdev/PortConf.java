package io.wirespeed.ethdev;

/**
 * Port-wide configuration given to {@link Port#configure}: the MTU and whether the port starts
 * promiscuous. Drivers read what applies to them.
 */
public record PortConf(int mtu, boolean promiscuous) {
    public static final int DEFAULT_MTU = 1500;

    public static PortConf defaults() {
        return new PortConf(DEFAULT_MTU, true);
    }

    public PortConf withMtu(int bytes) {
        return new PortConf(bytes, promiscuous);
    }
}
