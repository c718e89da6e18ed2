package io.wirespeed.app.testpmd;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.lcore.CoreList;
import java.util.List;
import java.util.Map;

/**
 * Everything a testpmd run is made of, checked: the command line parses into one of these and
 * the engine trusts it.
 *
 * @param vdevs           devargs of the ports, in port-id order
 * @param cores           the lcores; the first is the main lcore
 * @param forwardingCores how many worker lcores forward (--nb-cores)
 * @param rxDescriptors   ring size per rx queue, 0 for the driver's preferred size
 * @param ethPeers        destination MAC per port for mac/txonly/flowgen (default 02:00:00:00:00:PORT)
 */
public record TestpmdConfig(List<String> vdevs, CoreList cores, int forwardingCores, int burst, ForwardMode mode,
                            Topology topology, int rxQueues, int txQueues, int rxDescriptors, int txDescriptors,
                            int totalMbufs, int mbufCache, int mbufDataRoom, boolean hugePages, int txPacketLength,
                            int flowgenFlows, Map<Integer, MacAddress> ethPeers, String idle) {
    public static final int MAX_BURST = 512;
    /** The ring size when neither --rxd/--txd nor the driver choose one (DPDK's ethdev falls back to 512; we keep the 1024 testpmd had). */
    public static final int FALLBACK_DESCRIPTORS = 1024;

    /** How ports pair up into streams (DPDK's --port-topology). */
    public enum Topology {
        /** 0 with 1, 2 with 3; an odd last port pairs with itself. */
        PAIRED,
        /** 0 to 1, 1 to 2, ..., last to 0. */
        CHAINED,
        /** every port with itself. */
        LOOP;

        public static Topology parse(String name) {
            return switch (name) {
                case "paired" -> PAIRED;
                case "chained" -> CHAINED;
                case "loop" -> LOOP;
                default -> throw new IllegalArgumentException("--port-topology " + name + ": not one of paired, chained, loop");
            };
        }

        /** The port that port {@code p} of {@code count} sends to. */
        public int peer(int p, int count) {
            return switch (this) {
                case PAIRED -> (p % 2 == 0) ? (p + 1 < count ? p + 1 : p) : p - 1;
                case CHAINED -> (p + 1) % count;
                case LOOP -> p;
            };
        }
    }

    public TestpmdConfig {
        vdevs = List.copyOf(vdevs);
        ethPeers = Map.copyOf(ethPeers);
        if (vdevs.isEmpty()) {
            throw new IllegalArgumentException("no ports: give at least one --vdev (e.g. --vdev net_null0)");
        }
        int workers = cores.size() - 1;
        if (workers < 1) {
            throw new IllegalArgumentException("-l " + cores + " has no lcore to forward on: the first lcore is the main one"
                    + " (try -l 0-1)");
        }
        if (forwardingCores < 1 || forwardingCores > workers) {
            throw new IllegalArgumentException("--nb-cores " + forwardingCores + " must be 1.." + workers
                    + " (the lcores after the main one in -l " + cores + ")");
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("--burst " + burst + " must be 1.." + MAX_BURST);
        }
        if (rxQueues < 1 || txQueues < 1) {
            throw new IllegalArgumentException("--rxq and --txq must be at least 1");
        }
        if (txQueues < rxQueues) {
            throw new IllegalArgumentException("--txq " + txQueues + " must be at least --rxq " + rxQueues
                    + ": stream (port, queue q) sends on queue q of its peer");
        }
        if (flowgenFlows < 1 || flowgenFlows > 65536) {
            throw new IllegalArgumentException("--flowgen-flows " + flowgenFlows + " must be 1..65536");
        }
        if (txPacketLength < UdpTemplate.MIN_FRAME || txPacketLength > mbufDataRoom) {
            throw new IllegalArgumentException("--txpkts " + txPacketLength + " must be " + UdpTemplate.MIN_FRAME + ".."
                    + mbufDataRoom + " (at least the Ethernet, IPv4 and UDP headers; at most the mbuf data room, --mbuf-size)");
        }
        if (rxDescriptors < 0 || txDescriptors < 0) {
            throw new IllegalArgumentException("--rxd and --txd must not be negative (0: the driver's preferred size)");
        }
        if (totalMbufs < 0) {
            throw new IllegalArgumentException("--total-num-mbufs " + totalMbufs + " must not be negative");
        }
    }

    /**
     * Mbufs for the run: what --total-num-mbufs says, or enough for every descriptor, every lcore
     * cache and every burst in flight (DPDK testpmd's own estimate), given the ring sizes the
     * ports were set up with.
     */
    public int mbufCount(int rxDescriptors, int txDescriptors) {
        if (totalMbufs > 0) {
            return totalMbufs;
        }
        int ports = vdevs.size();
        long need = (long) ports * (rxQueues * (long) rxDescriptors + txQueues * (long) txDescriptors + burst * 2L * rxQueues)
                + (long) cores.size() * (mbufCache + burst);
        return (int) Math.max(8192, Math.min(need, 1 << 22));
    }

    public MacAddress peerOf(int port) {
        MacAddress m = ethPeers.get(port);
        return m != null ? m : MacAddress.local(port);
    }
}
