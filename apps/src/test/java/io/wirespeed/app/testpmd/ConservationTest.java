package io.wirespeed.app.testpmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every packet a run takes in (received from a port, or generated) leaves it exactly once
 * (transmitted, refused by the transmit queue and counted, or consumed by the mode), per port and
 * in total; and a packet transmitted into a ring that nothing drains is still there afterwards.
 */
class ConservationTest {
    private final DriverRegistry registry = DriverRegistry.load();
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    @BeforeEach
    void quiet() {
        Log.quiet(true);
    }

    private Testpmd open(Configs config) {
        return Testpmd.open(config.build(), registry, out);
    }

    private static RunReport run(Testpmd testpmd, int txFirstBursts, long millis) {
        testpmd.start(txFirstBursts);
        Await.sleep(millis);
        return testpmd.stop();
    }

    /**
     * For two paired ports, the stream p to q: what port p received, plus what the stream generated
     * ({@code generatedPerStream}: the report gives generated packets in total only), went out of
     * q, or was dropped there, or was consumed.
     */
    private static void assertPairedPortsBalance(RunReport r, long generatedPerStream) {
        for (int p = 0; p < 2; p++) {
            RunReport.PortReport rx = r.ports().get(p);
            RunReport.PortReport tx = r.ports().get(1 - p);
            assertThat(rx.fwdReceived() + generatedPerStream)
                    .as("port %d received + generated = port %d transmitted + tx-dropped + port %d consumed", p, 1 - p, p)
                    .isEqualTo(tx.fwdTransmitted() + tx.fwdTxDropped() + rx.fwdConsumed());
        }
        assertThat(2 * generatedPerStream).isEqualTo(r.totals().generated());
    }

    /** The streams' figures agree with the ports' own counters. */
    private static void assertStreamsMatchNicCounters(RunReport r) {
        for (RunReport.PortReport p : r.ports()) {
            assertThat(p.nic().ipackets()).as("port %d ipackets", p.id()).isEqualTo(p.fwdReceived());
            assertThat(p.nic().opackets()).as("port %d opackets", p.id()).isEqualTo(p.fwdTransmitted());
            assertThat(p.nic().oerrors()).as("port %d oerrors", p.id()).isEqualTo(p.fwdTxDropped());
        }
    }

    /** The totals are the sums of the per-port figures. */
    private static void assertTotalsSumThePorts(RunReport r) {
        RunReport.Totals t = r.totals();
        assertThat(r.ports().stream().mapToLong(RunReport.PortReport::fwdReceived).sum()).isEqualTo(t.received());
        assertThat(r.ports().stream().mapToLong(RunReport.PortReport::fwdTransmitted).sum()).isEqualTo(t.transmitted());
        assertThat(r.ports().stream().mapToLong(RunReport.PortReport::fwdTxDropped).sum()).isEqualTo(t.txDropped());
        assertThat(r.ports().stream().mapToLong(RunReport.PortReport::fwdConsumed).sum()).isEqualTo(t.consumed());
    }

    private static void assertBalanced(RunReport.Totals t) {
        assertThat(t.received() + t.generated()).as("received + generated = transmitted + tx-dropped + consumed")
                .isEqualTo(t.transmitted() + t.txDropped() + t.consumed());
        assertThat(t.balanced()).isTrue();
    }

    /** Takes every packet out of the ring port {@code p} receives from, frees them, returns how many. */
    private static long drain(Port p) {
        Mbuf[] burst = new Mbuf[64];
        long total = 0;
        for (int n; (n = p.rxBurst(0, burst, 0, burst.length)) > 0; ) {
            Mbuf.freeBulk(burst, 0, n);
            total += n;
        }
        return total;
    }

    @Test
    void ioOverTwoNullPortsBalancesPerPortAndInTotal() {
        try (Testpmd testpmd = open(Configs.of(ForwardMode.IO, "net_null0", "net_null1"))) {
            RunReport r = run(testpmd, 0, 300);

            assertThat(r.totals().received()).isPositive();
            assertThat(r.totals().generated()).isZero();
            assertThat(r.totals().consumed()).isZero();
            assertPairedPortsBalance(r, 0);
            assertStreamsMatchNicCounters(r);
            assertTotalsSumThePorts(r);
            assertBalanced(r.totals());
            assertThat(testpmd.pool().inUseCount()).as("mbufs held after stop").isZero();
        }
    }

    @Test
    void ioOverCrossConnectedRingsKeepsEverySeededPacketCirculating() {
        String a = RingWire.uniqueName("ioa");
        String b = RingWire.uniqueName("iob");
        // Port 0 receives ring A, port 1 transmits into it (and the reverse for B): stream 0->1 and
        // stream 1->0 each circulate the packets tx_first seeded into their ring.
        try (Testpmd testpmd = open(Configs.of(ForwardMode.IO, "net_ring0,rx=" + a + ",tx=" + b, "net_ring1,rx=" + b + ",tx=" + a))) {
            RunReport r = run(testpmd, 4, 300);

            RunReport.Totals t = r.totals();
            assertThat(t.generated()).as("4 tx_first bursts of 32 on each of 2 streams").isEqualTo(2 * 4 * 32);
            assertThat(t.received()).as("packets went round").isGreaterThan(t.generated());
            assertPairedPortsBalance(r, 4 * 32);
            assertStreamsMatchNicCounters(r);
            assertTotalsSumThePorts(r);
            assertBalanced(t);
            // In flight: whatever is still in the rings. The streams hold nothing once stopped, so the
            // rings hold exactly what was generated and neither dropped nor consumed.
            Port p0 = testpmd.ports().get(0);
            Port p1 = testpmd.ports().get(1);
            long inRingA = drain(p0);
            long inRingB = drain(p1);
            assertThat(inRingA + inRingB).isEqualTo(t.generated() - t.txDropped() - t.consumed());
            assertThat(r.ports().get(1).nic().opackets()).as("into ring A = out of ring A + still in it")
                    .isEqualTo(r.ports().get(0).nic().ipackets() + inRingA);
            assertThat(r.ports().get(0).nic().opackets()).as("into ring B = out of ring B + still in it")
                    .isEqualTo(r.ports().get(1).nic().ipackets() + inRingB);
            assertThat(testpmd.pool().inUseCount()).as("mbufs held after draining").isZero();
        }
    }

    @Test
    void rxonlyConsumesEveryPacketItReceives() {
        try (Testpmd testpmd = open(Configs.of(ForwardMode.RXONLY, "net_null0", "net_null1"))) {
            RunReport r = run(testpmd, 0, 300);

            RunReport.Totals t = r.totals();
            assertThat(t.received()).isPositive();
            assertThat(t.consumed()).isEqualTo(t.received());
            assertThat(t.transmitted()).isZero();
            for (RunReport.PortReport p : r.ports()) {
                assertThat(p.fwdConsumed()).isEqualTo(p.fwdReceived()).isEqualTo(p.nic().ipackets());
                assertThat(p.nic().opackets()).isZero();
            }
            assertTotalsSumThePorts(r);
            assertBalanced(t);
            assertThat(testpmd.pool().inUseCount()).isZero();
        }
    }

    @Test
    void txonlyIntoA64SlotRingCountsWhatDoesNotFitAsTxDropped() {
        // One port that loops back to itself: txonly sends into the ring, nothing drains it.
        try (Testpmd testpmd = open(Configs.of(ForwardMode.TXONLY, "net_ring_" + RingWire.uniqueName("tx") + ",size=64"))) {
            RunReport r = run(testpmd, 0, 300);

            RunReport.Totals t = r.totals();
            assertThat(t.received()).isZero();
            assertThat(t.transmitted()).as("the ring's 64 slots").isEqualTo(64);
            assertThat(t.txDropped()).as("everything else").isEqualTo(t.generated() - 64).isPositive();
            assertBalanced(t);
            RunReport.PortReport p = r.ports().getFirst();
            assertThat(p.nic().opackets()).isEqualTo(64);
            assertThat(p.nic().oerrors()).as("the port counts the refusals too").isEqualTo(t.txDropped());
            assertThat(p.fwdTxDropped()).isEqualTo(t.txDropped());
            assertThat(drain(testpmd.ports().getFirst())).as("in flight: still in the ring").isEqualTo(64);
            assertThat(testpmd.pool().inUseCount()).isZero();
        }
    }

    @Test
    void icmpechoRepliesToRequestsAndConsumesEverythingElse() {
        int requests = 40;
        int others = 24;
        // One looped-back port: replies come back in and are consumed (they are not requests).
        try (Testpmd testpmd = open(Configs.of(ForwardMode.ICMPECHO, "net_ring_" + RingWire.uniqueName("echo")))) {
            Port port = testpmd.ports().getFirst();
            long portMac = port.macAddress().bits();
            Mbuf[] frames = new Mbuf[requests + others];
            assertThat(testpmd.pool().allocBulk(frames, 0, frames.length)).isEqualTo(frames.length);
            for (int i = 0; i < frames.length; i++) {
                frames[i].write(i % 8 < 5 // 5 requests in every 8 frames: 40 of 64
                        ? TestFrames.echoRequest(portMac, 1, i, TestFrames.payload(32, i))
                        : TestFrames.ethernet(portMac, TestFrames.CLIENT_MAC, TestFrames.ETHERTYPE_IPV6, TestFrames.payload(40, i)));
            }
            // Injected while stopped: the forwarding lcore is the ring's only producer once started.
            assertThat(port.txBurst(0, frames, 0, frames.length)).isEqualTo(frames.length);
            testpmd.start(0);
            long expected = 2L * requests + others;
            assertThat(Await.until(() -> port.stats().ipackets() >= expected)).isTrue();
            RunReport r = testpmd.stop(); // waits for the lcore to finish the burst it counted

            RunReport.Totals t = r.totals();
            assertThat(t.received()).isEqualTo(expected);
            assertThat(t.transmitted()).as("one reply per request").isEqualTo(requests);
            assertThat(t.consumed()).as("the other frames, then the replies").isEqualTo(others + requests);
            assertThat(t.txDropped()).isZero();
            assertBalanced(t);
            assertStreamsMatchNicCounters(r);
            assertThat(drain(port)).isZero();
            assertThat(testpmd.pool().inUseCount()).isZero();
        }
    }
}
