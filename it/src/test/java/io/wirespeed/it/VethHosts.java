package io.wirespeed.it;

import io.wirespeed.sys.NetInterfaces;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Netns;
import io.wirespeed.testkit.VethPair;
import java.util.List;

/**
 * Hosts behind veth pairs: A's end in namespace A, its peer (the DUT's port 0 interface) in the
 * test's namespace; the same for B and port 1. A's MAC is 02:00:00:00:00:00 and B's
 * 02:00:00:00:00:01, the destinations l2fwd's MAC updating writes.
 */
final class VethHosts implements Hosts {
    private final Netns a;
    private final Netns b;
    private final VethPair toA;
    private final VethPair toB;

    private VethHosts(Netns a, Netns b, VethPair toA, VethPair toB) {
        this.a = a;
        this.b = b;
        this.toA = toA;
        this.toB = toB;
    }

    static VethHosts create() {
        Host.requireTools("ethtool");
        Netns a = null;
        Netns b = null;
        VethPair toA = null;
        VethPair toB = null;
        try {
            a = Netns.create();
            b = Netns.create();
            toA = VethPair.create().moveA(a);
            toB = VethPair.create().moveA(b);
            host(a, toA.a(), IP_A, MAC_A);
            host(b, toB.a(), IP_B, MAC_B);
            wireLike(a, toA.a());
            wireLike(b, toB.a());
            wireLike(null, toA.b());
            wireLike(null, toB.b());
            return new VethHosts(a, b, toA, toB);
        } catch (RuntimeException e) {
            closeAll(toA, toB, a, b);
            throw e;
        }
    }

    private static void host(Netns ns, String iface, String ip, String mac) {
        ns.exec("ip", "link", "set", "dev", iface, "address", mac);
        ns.exec("ip", "addr", "add", ip + "/24", "dev", iface);
    }

    /**
     * Turns off what a veth hands over that no wire carries: checksums left for the receiver to
     * fill (a forwarded TCP or UDP frame would arrive with a bad one) and 64 KiB TCP/UDP
     * super-frames (TSO/GSO) that a port's mbufs cannot hold. As with DPDK's af_packet and af_xdp
     * on veths, the hosts then send real frames.
     */
    private static void wireLike(Netns ns, String iface) {
        List<String> command = List.of("ethtool", "-K", iface, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
        Host.run(ns == null ? command : ns.inside(command.toArray(String[]::new)));
    }

    /** The DUT-side interface of port 0 (towards A). */
    String dutA() {
        return toA.b();
    }

    /** The DUT-side interface of port 1 (towards B). */
    String dutB() {
        return toB.b();
    }

    /** Host B's interface, inside namespace B. */
    String hostB() {
        return toB.a();
    }

    @Override
    public Netns a() {
        return a;
    }

    @Override
    public Netns b() {
        return b;
    }

    private String dut(int port) {
        return port == 0 ? dutA() : dutB();
    }

    /** What the DUT-side end received from its host (its rx_packets): every one reaches the port's socket or is counted there. */
    @Override
    public long towardsPort(int port) {
        return NetInterfaces.statistic(dut(port), "rx_packets");
    }

    @Override
    public long fromPort(int port) {
        return NetInterfaces.statistic(dut(port), "tx_packets") + NetInterfaces.statistic(dut(port), "tx_dropped");
    }

    @Override
    public void pinNeighbours() {
        a.exec("ip", "neigh", "replace", IP_B, "lladdr", MAC_B, "dev", toA.a(), "nud", "permanent");
        b.exec("ip", "neigh", "replace", IP_A, "lladdr", MAC_A, "dev", toB.a(), "nud", "permanent");
    }

    @Override
    public void close() {
        closeAll(toA, toB, a, b);
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // Best effort: the rest must still go.
                }
            }
        }
    }
}
