package io.wirespeed.driver.afxdp;

import io.wirespeed.ethdev.Devargs;

/**
 * A net_af_xdp port's devargs, checked.
 *
 * @param device     the device name, e.g. net_af_xdp0
 * @param iface      the Linux interface
 * @param startQueue the interface's first receive queue the port uses
 * @param queueCount how many consecutive queues (one AF_XDP socket each)
 * @param mode       where the XDP program runs
 * @param forceCopy  bind with XDP_COPY (never zero-copy)
 * @param busyBudget frames the kernel may process per busy poll (SO_BUSY_POLL_BUDGET); 0 turns
 *                   preferred busy polling off
 */
record AfXdpConfig(String device, String iface, int startQueue, int queueCount, XdpMode mode, boolean forceCopy,
                   int busyBudget) {
    static final int MAX_QUEUES = 256;
    /** DPDK's default busy budget (ETH_AF_XDP_DFLT_BUSY_BUDGET). */
    static final int DEFAULT_BUSY_BUDGET = 64;

    static AfXdpConfig from(Devargs args) {
        String iface = args.requiredString("iface");
        if (iface.length() > 15 || iface.contains("/")) {
            throw new IllegalArgumentException(args.name() + ": iface=" + iface + " is not an interface name (at most 15 "
                    + "characters, no '/')");
        }
        int start = args.intValue("start_queue", 0, 0, MAX_QUEUES - 1);
        int count = args.intValue("queue_count", 1, 1, MAX_QUEUES);
        XdpMode mode = XdpMode.parse(args.name(), args.string("mode", null));
        boolean forceCopy = args.flag("force_copy", false);
        int busyBudget = args.intValue("busy_budget", DEFAULT_BUSY_BUDGET, 0, 65535);
        return new AfXdpConfig(args.name(), iface, start, count, mode, forceCopy, busyBudget);
    }

    /** The interface queue index of port queue {@code q}. */
    int interfaceQueue(int q) {
        return startQueue + q;
    }
}
