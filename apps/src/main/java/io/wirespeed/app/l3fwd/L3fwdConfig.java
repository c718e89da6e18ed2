package io.wirespeed.app.l3fwd;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.lcore.CoreList;
import io.wirespeed.lcore.IdlePolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything an l3fwd run is made of, checked: the command line parses into one of these and the
 * engine trusts it. Ports, queues and lcores are checked against each other when the ports open.
 *
 * @param vdevs     devargs of the ports, in port-id order
 * @param cores     the lcores; the first is the main lcore (statistics), the others forward
 * @param portMask  the ports to forward between (-p)
 * @param lookup    how output ports are found (--lookup)
 * @param routes    the routes file (--routes)
 * @param rxQueues  which lcore polls which (port, queue) (--config); empty: queue 0 of every
 *                  enabled port, spread over the forwarding lcores in turn
 * @param ethDest   per port, the next hop's MAC address (--eth-dest); absent ports get
 *                  02:00:00:00:00:PORT, as in DPDK
 */
public record L3fwdConfig(List<String> vdevs, CoreList cores, long portMask, LookupMode lookup, Path routes,
                          List<RxQueueConfig> rxQueues, Map<Integer, MacAddress> ethDest, int burst, int rxDescriptors,
                          int txDescriptors, int mbufCache, boolean hugePages, String idle) {
    public static final int MAX_BURST = 512;
    public static final int DEFAULT_BURST = 32;
    public static final int DEFAULT_RX_DESCRIPTORS = 1024;
    public static final int DEFAULT_TX_DESCRIPTORS = 1024;
    public static final int DEFAULT_MBUF_CACHE = 256;

    public L3fwdConfig {
        vdevs = List.copyOf(vdevs);
        rxQueues = List.copyOf(rxQueues);
        ethDest = Map.copyOf(ethDest);
        if (vdevs.isEmpty()) {
            throw new IllegalArgumentException("no ports: give at least one --vdev (e.g. --vdev net_null0 --vdev net_null1)");
        }
        if (cores.size() < 2) {
            throw new IllegalArgumentException("-l " + cores + " has no lcore to forward on: the first lcore is the main one"
                    + " (try -l 0-1)");
        }
        if (portMask == 0) {
            throw new IllegalArgumentException("-p: the port mask is empty (e.g. -p 0x3 for ports 0 and 1)");
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("--burst " + burst + " must be 1.." + MAX_BURST);
        }
        if (rxDescriptors < 1 || txDescriptors < 1) {
            throw new IllegalArgumentException("descriptor counts must be positive");
        }
        IdlePolicy.named(idle); // an unknown name fails listing the valid ones
    }

    /** DPDK l3fwd's defaults: one queue per enabled port, burst 32, 1024 descriptors. */
    public static L3fwdConfig of(List<String> vdevs, CoreList cores, long portMask, LookupMode lookup, Path routes) {
        return new L3fwdConfig(vdevs, cores, portMask, lookup, routes, List.of(), Map.of(), DEFAULT_BURST,
                DEFAULT_RX_DESCRIPTORS, DEFAULT_TX_DESCRIPTORS, DEFAULT_MBUF_CACHE, true, "busy");
    }

    public L3fwdConfig withRxQueues(List<RxQueueConfig> queues) {
        return new L3fwdConfig(vdevs, cores, portMask, lookup, routes, queues, ethDest, burst, rxDescriptors, txDescriptors,
                mbufCache, hugePages, idle);
    }

    public L3fwdConfig withEthDest(Map<Integer, MacAddress> macs) {
        return new L3fwdConfig(vdevs, cores, portMask, lookup, routes, rxQueues, macs, burst, rxDescriptors, txDescriptors,
                mbufCache, hugePages, idle);
    }

    public L3fwdConfig withHugePages(boolean on) {
        return new L3fwdConfig(vdevs, cores, portMask, lookup, routes, rxQueues, ethDest, burst, rxDescriptors,
                txDescriptors, mbufCache, on, idle);
    }

    public L3fwdConfig withIdle(String policy) {
        return new L3fwdConfig(vdevs, cores, portMask, lookup, routes, rxQueues, ethDest, burst, rxDescriptors,
                txDescriptors, mbufCache, hugePages, policy);
    }

    /** The next-hop MAC address of packets sent on {@code port}. */
    public MacAddress nextHop(int port) {
        MacAddress mac = ethDest.get(port);
        return mac != null ? mac : MacAddress.local(port);
    }

    /** Whether port {@code port} is in the mask. */
    public boolean enabled(int port) {
        return port < 64 && (portMask >>> port & 1) != 0;
    }
}
