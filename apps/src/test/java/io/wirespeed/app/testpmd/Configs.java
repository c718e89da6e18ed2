package io.wirespeed.app.testpmd;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.lcore.CoreList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** TestpmdConfig with the command line's defaults, sized for tests (4 KiB pages, a small pool). */
final class Configs {
    private final List<String> vdevs;
    private final ForwardMode mode;
    private final Map<Integer, MacAddress> ethPeers = new HashMap<>();
    private int flowgenFlows = 1024;
    private int totalMbufs = 4096;
    private int queues = 1;

    private Configs(ForwardMode mode, List<String> vdevs) {
        this.mode = mode;
        this.vdevs = vdevs;
    }

    static Configs of(ForwardMode mode, String... vdevs) {
        return new Configs(mode, List.of(vdevs));
    }

    Configs ethPeer(int port, MacAddress mac) {
        ethPeers.put(port, mac);
        return this;
    }

    Configs totalMbufs(int n) {
        totalMbufs = n;
        return this;
    }

    /** rx and tx queues per port. */
    Configs queues(int n) {
        queues = n;
        return this;
    }

    TestpmdConfig build() {
        return new TestpmdConfig(vdevs, CoreList.parseCores("0-1"), 1, 32, mode, TestpmdConfig.Topology.PAIRED, queues, queues,
                1024, 1024, totalMbufs, 256, 2048, false, 64, flowgenFlows, ethPeers, "busy");
    }
}
