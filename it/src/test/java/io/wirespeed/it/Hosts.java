package io.wirespeed.it;

/**
 * The two hosts the tests connect through l2fwd, each in a namespace of its own: A (10.99.0.1)
 * behind the DUT's port 0, B (10.99.0.2) behind port 1. An implementation builds the links
 * (veth pairs, taps) and knows how the kernel counts the frames on the DUT's side of each.
 */
interface Hosts extends AutoCloseable {
    String IP_A = "10.99.0.1";
    String IP_B = "10.99.0.2";
    /** DPDK l2fwd's destination addresses: 02:00:00:00:00:PORT, so host A answers to 0 and B to 1. */
    String MAC_A = "02:00:00:00:00:00";
    String MAC_B = "02:00:00:00:00:01";

    io.wirespeed.testkit.Netns a();

    io.wirespeed.testkit.Netns b();

    /** Frames the kernel handed towards DUT port {@code port}: the port received them, or counted them. */
    long towardsPort(int port);

    /** Frames the kernel took from DUT port {@code port}. */
    long fromPort(int port);

    /** Permanent neighbour entries on both hosts, so that no ARP runs while counters are compared. */
    void pinNeighbours();

    @Override
    void close();
}
