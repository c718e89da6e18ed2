package io.wirespeed.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace made for one test, with loopback up and IPv6 off (no router solicitations
 * or DAD frames muddying packet counts). Closing deletes it, and the interfaces inside with it.
 */
public final class Netns implements AutoCloseable {
    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    public static Netns create() {
        String name = Names.unique() + "n";
        Host.run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        try {
            ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
            ns.exec("ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs a command inside the namespace; returns its output, throws on failure. */
    public String exec(String... command) {
        return Host.run(inside(command));
    }

    /** The command line that runs {@code command} inside this namespace (for ProcessBuilder). */
    public List<String> inside(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return full;
    }

    @Override
    public void close() {
        Host.runAllowingFailure(List.of("ip", "netns", "del", name), 30);
    }

    @Override
    public String toString() {
        return name;
    }
}
