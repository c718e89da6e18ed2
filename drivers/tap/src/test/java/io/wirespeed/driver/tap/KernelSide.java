package io.wirespeed.driver.tap;

import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.Netns;
import java.util.List;

/**
 * The kernel's end of a tap, set apart in a namespace of its own: the interface is moved into a
 * fresh {@link Netns} (its descriptors keep working), brought up and given an address there.
 * Closing deletes the namespace and the tap with it (a port still holding it then sees it gone).
 */
final class KernelSide implements AutoCloseable {
    final Netns ns;
    final String iface;

    private KernelSide(Netns ns, String iface) {
        this.ns = ns;
        this.iface = iface;
    }

    /** Moves {@code iface} into a new namespace, up, with {@code cidr} (e.g. 10.98.1.1/24) on it. */
    static KernelSide of(String iface, String cidr) {
        Netns ns = Netns.create();
        try {
            Host.run("ip", "link", "set", iface, "netns", ns.name());
            ns.exec("sysctl", "-qw", "net.ipv6.conf." + iface + ".disable_ipv6=1");
            ns.exec("ip", "addr", "add", cidr, "dev", iface);
            ns.exec("ip", "link", "set", iface, "up");
            return new KernelSide(ns, iface);
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    /** A permanent neighbour entry, so that the kernel sends to {@code ip} without asking ARP. */
    KernelSide neighbour(String ip, String mac) {
        ns.exec("ip", "neigh", "replace", ip, "lladdr", mac, "dev", iface, "nud", "permanent");
        return this;
    }

    /** A counter of the interface as the kernel sees it (e.g. rx_packets). */
    long counter(String name) {
        return Long.parseLong(ns.exec("cat", "/sys/class/net/" + iface + "/statistics/" + name).strip());
    }

    Host.Result run(long timeoutSeconds, String... command) {
        return Host.runAllowingFailure(ns.inside(command), timeoutSeconds);
    }

    List<String> inside(String... command) {
        return ns.inside(command);
    }

    @Override
    public void close() {
        ns.close();
    }
}
