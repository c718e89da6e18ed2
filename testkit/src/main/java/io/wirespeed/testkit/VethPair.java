package io.wirespeed.testkit;

import java.util.List;

/**
 * A veth pair made for one test: end {@link #a()} and end {@link #b()}, both up, IPv6 off. Either
 * end may be moved into a {@link Netns}. Closing deletes the pair (deleting one end deletes both).
 */
public final class VethPair implements AutoCloseable {
    private final String a;
    private final String b;
    private Netns aNamespace;
    private Netns bNamespace;

    private VethPair(String a, String b) {
        this.a = a;
        this.b = b;
    }

    /** Both ends in the current namespace. */
    public static VethPair create() {
        String base = Names.unique();
        VethPair pair = new VethPair(base + "a", base + "b");
        Host.run("ip", "link", "add", pair.a, "type", "veth", "peer", "name", pair.b);
        try {
            pair.prepare(pair.a, null);
            pair.prepare(pair.b, null);
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    private void prepare(String end, Netns ns) {
        List<String> sysctl = List.of("sysctl", "-qw", "net.ipv6.conf." + end + ".disable_ipv6=1");
        Host.run(ns == null ? sysctl : ns.inside(sysctl.toArray(String[]::new)));
        List<String> up = List.of("ip", "link", "set", end, "up");
        Host.run(ns == null ? up : ns.inside(up.toArray(String[]::new)));
    }

    public String a() {
        return a;
    }

    public String b() {
        return b;
    }

    /** Moves end a into {@code ns} (and brings it up there). */
    public VethPair moveA(Netns ns) {
        Host.run("ip", "link", "set", a, "netns", ns.name());
        aNamespace = ns;
        prepare(a, ns);
        return this;
    }

    public VethPair moveB(Netns ns) {
        Host.run("ip", "link", "set", b, "netns", ns.name());
        bNamespace = ns;
        prepare(b, ns);
        return this;
    }

    @Override
    public void close() {
        if (aNamespace != null) {
            Host.runAllowingFailure(aNamespace.inside("ip", "link", "del", a), 30);
        } else {
            Host.runAllowingFailure(List.of("ip", "link", "del", a), 30);
        }
        if (bNamespace != null) {
            Host.runAllowingFailure(bNamespace.inside("ip", "link", "del", b), 30);
        }
    }

    @Override
    public String toString() {
        return a + "<->" + b;
    }
}
