package io.wirespeed.virt.vswitch;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A switch over test wires, driven frame by frame from the test thread with a clock the test sets. */
final class SwitchRig implements AutoCloseable {
    static final long SECOND = 1_000_000_000L;
    static final long AGEING = 60 * SECOND;
    static final int TX_ROOM = 1024;

    final Mempool pool = Mempool.builder("vswitch-test", 2048).cacheSize(0).hugePages(false).build();
    final VSwitch vswitch = new VSwitch(pool, 256, AGEING, 64, 64);
    private final List<Port> ports = new ArrayList<>();

    int add(VlanMode mode) {
        return add(mode, TX_ROOM);
    }

    int add(VlanMode mode, int txRoom) {
        Port port = TestWire.open(ports.size(), txRoom);
        ports.add(port);
        return vswitch.addPort(port.name(), port, 0, 0, mode);
    }

    TestWire wire(int port) {
        return TestWire.of(ports.get(port));
    }

    Mbuf mbuf(byte[] frame) {
        Mbuf m = pool.alloc();
        if (m == null || !m.write(frame)) {
            throw new IllegalStateException("no mbuf for a test frame");
        }
        return m;
    }

    /** Switches the frames as one burst received on {@code port} at {@code now}. */
    void send(int port, long now, byte[]... frames) {
        Mbuf[] burst = new Mbuf[frames.length];
        for (int i = 0; i < frames.length; i++) {
            burst[i] = mbuf(frames[i]);
        }
        vswitch.switchBurst(port, burst, frames.length, now);
    }

    List<byte[]> sent(int port) {
        return wire(port).takeSent();
    }

    /** How many frames each port transmitted since the last look (and frees them). */
    int[] sentCounts() {
        int[] n = new int[ports.size()];
        for (int p = 0; p < n.length; p++) {
            n[p] = sent(p).size();
        }
        return n;
    }

    // ---- frames ---------------------------------------------------------------------------------

    static final long BROADCAST = 0xffff_ffff_ffffL;

    /** An untagged IPv4-typed frame of 64 bytes. */
    static byte[] frame(long dst, long src) {
        return hex(mac(dst) + mac(src) + "0800" + "ab".repeat(50));
    }

    /** The same frame with an 802.1Q tag (priority 0) of {@code vid}. */
    static byte[] tagged(long dst, long src, int vid) {
        return hex(mac(dst) + mac(src) + "8100" + "%04x".formatted(vid) + "0800" + "ab".repeat(50));
    }

    static String mac(long mac) {
        return "%012x".formatted(mac);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Override
    public void close() {
        for (Port p : ports) {
            TestWire.of(p).discardSent();
            p.close();
        }
        pool.close();
    }
}
