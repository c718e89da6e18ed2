package io.wirespeed.app.l2fwd;

import io.wirespeed.lcore.CoreList;
import io.wirespeed.lcore.IdlePolicy;
import java.util.List;

/**
 * Everything an l2fwd run is made of, checked: the command line parses into one of these and the
 * engine trusts it. The port mask and map are checked against the ports when they are open.
 *
 * @param vdevs          devargs of the ports, in port-id order
 * @param cores          the lcores; the first is the main lcore (statistics), the others forward
 * @param portMask       the ports to forward (-p)
 * @param portmap        the pairs, e.g. "(0,1),(2,3)", or null to pair the enabled ports in order
 * @param portsPerLcore  rx ports one forwarding lcore polls (-q)
 * @param statsPeriod    seconds between statistics prints, 0 for none (-T)
 */
public record L2fwdConfig(List<String> vdevs, CoreList cores, long portMask, String portmap, boolean macUpdating,
                          int portsPerLcore, double statsPeriod, int burst, int rxDescriptors, int txDescriptors,
                          int mbufCache, boolean hugePages, String idle) {
    public static final int MAX_PORTS_PER_LCORE = 16;
    public static final int MAX_BURST = 512;
    public static final int DEFAULT_BURST = 32;
    public static final int DEFAULT_DESCRIPTORS = 1024;
    public static final int DEFAULT_MBUF_CACHE = 256;
    public static final double MAX_STATS_PERIOD = 86400;

    public L2fwdConfig {
        vdevs = List.copyOf(vdevs);
        if (vdevs.isEmpty()) {
            throw new IllegalArgumentException("no ports: give at least two --vdev (e.g. --vdev net_null0 --vdev net_null1)");
        }
        if (cores.size() < 2) {
            throw new IllegalArgumentException("-l " + cores + " has no lcore to forward on: the first lcore is the main one"
                    + " (try -l 0-1)");
        }
        if (portMask == 0) {
            throw new IllegalArgumentException("-p: the port mask is empty (e.g. -p 0x3 for ports 0 and 1)");
        }
        if (portsPerLcore < 1 || portsPerLcore > MAX_PORTS_PER_LCORE) {
            throw new IllegalArgumentException("-q " + portsPerLcore + " must be 1.." + MAX_PORTS_PER_LCORE
                    + " (rx ports per forwarding lcore)");
        }
        if (!(statsPeriod >= 0 && statsPeriod <= MAX_STATS_PERIOD)) {
            throw new IllegalArgumentException("-T " + statsPeriod + " must be 0.." + (long) MAX_STATS_PERIOD
                    + " seconds (0: no periodic statistics)");
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("--burst " + burst + " must be 1.." + MAX_BURST);
        }
        if (rxDescriptors < 1 || txDescriptors < 1) {
            throw new IllegalArgumentException("descriptor counts must be positive");
        }
        IdlePolicy.named(idle); // an unknown name fails listing the valid ones
    }

    /** A configuration with DPDK l2fwd's defaults: MAC updating on, one port per lcore, statistics every 10 s. */
    public static L2fwdConfig of(List<String> vdevs, CoreList cores, long portMask) {
        return new L2fwdConfig(vdevs, cores, portMask, null, true, 1, 10, DEFAULT_BURST, DEFAULT_DESCRIPTORS,
                DEFAULT_DESCRIPTORS, DEFAULT_MBUF_CACHE, true, "busy");
    }

    public L2fwdConfig withPortmap(String map) {
        return new L2fwdConfig(vdevs, cores, portMask, map, macUpdating, portsPerLcore, statsPeriod, burst, rxDescriptors,
                txDescriptors, mbufCache, hugePages, idle);
    }

    public L2fwdConfig withMacUpdating(boolean on) {
        return new L2fwdConfig(vdevs, cores, portMask, portmap, on, portsPerLcore, statsPeriod, burst, rxDescriptors,
                txDescriptors, mbufCache, hugePages, idle);
    }

    public L2fwdConfig withPortsPerLcore(int q) {
        return new L2fwdConfig(vdevs, cores, portMask, portmap, macUpdating, q, statsPeriod, burst, rxDescriptors,
                txDescriptors, mbufCache, hugePages, idle);
    }

    public L2fwdConfig withIdle(String policy) {
        return new L2fwdConfig(vdevs, cores, portMask, portmap, macUpdating, portsPerLcore, statsPeriod, burst, rxDescriptors,
                txDescriptors, mbufCache, hugePages, policy);
    }

    public L2fwdConfig withHugePages(boolean on) {
        return new L2fwdConfig(vdevs, cores, portMask, portmap, macUpdating, portsPerLcore, statsPeriod, burst, rxDescriptors,
                txDescriptors, mbufCache, on, idle);
    }

    /**
     * Mbufs for the run, DPDK l2fwd's estimate: every enabled port's descriptors and a burst, plus
     * every lcore's cache; at least 8192.
     */
    public int mbufCount() {
        long ports = Long.bitCount(portMask);
        long need = ports * (rxDescriptors + (long) txDescriptors + burst) + (long) cores.size() * mbufCache;
        return (int) Math.max(8192, Math.min(need, 1 << 22));
    }
}
