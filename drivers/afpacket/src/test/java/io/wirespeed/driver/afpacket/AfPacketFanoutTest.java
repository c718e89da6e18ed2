package io.wirespeed.driver.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AfPacketFanoutTest {
    private static final int FLOWS = 64;

    @BeforeEach
    void quiet() {
        Log.quiet(true);
    }

    /** Each flow (UDP source port) sent twice; returns flow -> the queues its frames arrived on. */
    private static Map<Integer, List<Integer>> sendFlowsTwice(VethPorts v, Port a, Port b) {
        Mbuf[] frames = new Mbuf[2 * FLOWS];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = v.pool.alloc();
            frames[i].write(TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 10_000 + i % FLOWS, 53, 80, (byte) 0));
        }
        VethPorts.sendAll(b, frames);
        Map<Integer, List<Integer>> queuesOf = new HashMap<>();
        for (int q = 0; q < 2; q++) {
            for (byte[] f : VethPorts.receive(a, q, 0, 100)) {
                int flow = ByteBuffer.wrap(f).getShort(34) & 0xffff;
                queuesOf.computeIfAbsent(flow, k -> new java.util.ArrayList<>()).add(q);
            }
        }
        return queuesOf;
    }

    @Test
    void hashFanoutSpreadsFlowsOverBothQueuesAndKeepsEachFlowOnOne() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.open("iface=" + v.veth.a() + ",qpairs=2", 2);
            Port b = v.onB("");
            Map<Integer, List<Integer>> queuesOf = sendFlowsTwice(v, a, b);
            assertThat(queuesOf).hasSize(FLOWS);
            assertThat(queuesOf.values()).allSatisfy(qs -> assertThat(qs).hasSize(2).containsOnly(qs.get(0)));
            assertThat(a.stats().qIpackets()).containsOnly(a.stats().qIpackets()[0], a.stats().qIpackets()[1]);
            assertThat(a.stats().qIpackets()[0]).isPositive();
            assertThat(a.stats().qIpackets()[1]).isPositive();
            assertThat(a.stats().ipackets()).isEqualTo(2 * FLOWS);
        }
    }

    @Test
    void lbFanoutAlternatesFrameByFrame() {
        try (VethPorts v = new VethPorts()) {
            Port a = v.open("iface=" + v.veth.a() + ",qpairs=2,fanout_mode=lb", 2);
            Port b = v.onB("");
            sendFlowsTwice(v, a, b);
            assertThat(a.stats().qIpackets()).containsExactly(FLOWS, FLOWS);
        }
    }

    @Test
    void twoPortsWithFanoutOnOneInterfaceFormSeparateGroups() {
        try (VethPorts v = new VethPorts()) {
            Port a1 = v.open("iface=" + v.veth.a() + ",qpairs=2", 2);
            Port a2 = v.open("iface=" + v.veth.a() + ",qpairs=2", 2);
            Port b = v.onB("");
            VethPorts.sendAll(b, TestFrames.mbufs(v.pool, TestFrames.udp(TestFrames.OTHER_MAC, TestFrames.PEER_MAC, 1, 2, 60, (byte) 0), 10));
            int got1 = VethPorts.receive(a1, 0, 0, 50).size() + VethPorts.receive(a1, 1, 0, 50).size();
            int got2 = VethPorts.receive(a2, 0, 0, 50).size() + VethPorts.receive(a2, 1, 0, 50).size();
            assertThat(got1).isEqualTo(10); // each group sees every frame once
            assertThat(got2).isEqualTo(10);
        }
    }
}
