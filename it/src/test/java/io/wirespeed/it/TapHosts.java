package io.wirespeed.it;

import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Names;
import io.wirespeed.testkit.Netns;

/**
 * Hosts behind tap interfaces: the DUT's net_tap ports create taps A and B, which are then moved
 * into the hosts' namespaces (a tap's descriptors keep working across the move) and addressed
 * there. The kernel's side of a tap counts in reverse: what it transmits the port receives.
 */
final class TapHosts implements Hosts {
    private final Netns a;
    private final Netns b;
    final String tapA = Names.unique() + "t";
    final String tapB = Names.unique() + "t";

    private TapHosts(Netns a, Netns b) {
        this.a = a;
        this.b = b;
    }

    static TapHosts create() {
        Netns a = Netns.create();
        try {
            return new TapHosts(a, Netns.create());
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /** Once the ports made the taps: moves them into the namespaces and addresses them. */
    void attach() {
        host(a, tapA, IP_A, MAC_A);
        host(b, tapB, IP_B, MAC_B);
    }

    private static void host(Netns ns, String tap, String ip, String mac) {
        Host.run("ip", "link", "set", tap, "netns", ns.name());
        ns.exec("sysctl", "-qw", "net.ipv6.conf." + tap + ".disable_ipv6=1");
        ns.exec("ip", "link", "set", "dev", tap, "address", mac);
        ns.exec("ip", "addr", "add", ip + "/24", "dev", tap);
        ns.exec("ip", "link", "set", tap, "up");
    }

    @Override
    public Netns a() {
        return a;
    }

    @Override
    public Netns b() {
        return b;
    }

    private long counter(int port, String name) {
        Netns ns = port == 0 ? a : b;
        String tap = port == 0 ? tapA : tapB;
        return Long.parseLong(ns.exec("cat", "/sys/class/net/" + tap + "/statistics/" + name).strip());
    }

    /**
     * What the tap handed to the port's descriptors. (Frames the kernel dropped at a full tap queue
     * are in tx_dropped; the port reports them as imissed only while the tap is in its own namespace.)
     */
    @Override
    public long towardsPort(int port) {
        return counter(port, "tx_packets");
    }

    @Override
    public long fromPort(int port) {
        return counter(port, "rx_packets");
    }

    @Override
    public void pinNeighbours() {
        a.exec("ip", "neigh", "replace", IP_B, "lladdr", MAC_B, "dev", tapA, "nud", "permanent");
        b.exec("ip", "neigh", "replace", IP_A, "lladdr", MAC_A, "dev", tapB, "nud", "permanent");
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
