package io.wirespeed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code wirespeed testpmd} prints for a person, and for a script with {@code --json}. */
class TestpmdCliOutputTest {
    private static final String[] TWO_NULL_PORTS = {"testpmd", "--vdev", "net_null0", "--vdev", "net_null1", "-l", "0-1"};

    private static String[] twoNullPorts(String... more) {
        String[] args = new String[TWO_NULL_PORTS.length + more.length];
        System.arraycopy(TWO_NULL_PORTS, 0, args, 0, TWO_NULL_PORTS.length);
        System.arraycopy(more, 0, args, TWO_NULL_PORTS.length, more.length);
        return args;
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Map<String, Object> object, String key) {
        assertThat(object).containsKey(key);
        return (T) object.get(key);
    }

    @Test
    void aRunPrintsTheForwardStatisticsBlockOfEveryPortAndTheTotals() {
        CliRun run = CliRun.of(twoNullPorts("--duration", "0.3"));

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out())
                .contains("io packet forwarding - ports=2 - cores=1 - streams=2 - burst=32")
                .contains("---------------------- Forward statistics for port 0  ----------------------")
                .contains("---------------------- Forward statistics for port 1  ----------------------")
                .contains("+++++++++++++++ Accumulated forward statistics for all ports+++++++++++++++")
                .containsPattern("RX-packets: [1-9][0-9]* +RX-dropped: 0 +RX-total: [1-9]")
                .containsPattern("conservation: .*: ok")
                .contains("Done.");
        assertThat(run.lastOutLine()).doesNotStartWith("{");
    }

    @Test
    void withJsonTheLastLineIsOneObjectWithRatesDurationAndPortCounters() {
        CliRun run = CliRun.of(twoNullPorts("--duration", "0.3", "--json"));

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        Map<String, Object> json = MiniJson.parseObject(run.lastOutLine());
        assertThat(this.<Double>get(json, "fwd_mpps")).isPositive();
        assertThat(this.<Double>get(json, "rx_mpps")).isPositive();
        assertThat(this.<Double>get(json, "duration_s")).isPositive();
        List<Map<String, Object>> ports = get(json, "ports");
        assertThat(ports).hasSize(2);
        for (int id = 0; id < 2; id++) {
            Map<String, Object> p = ports.get(id);
            assertThat(this.<Double>get(p, "id")).isEqualTo((double) id);
            assertThat(this.<String>get(p, "name")).isEqualTo("net_null" + id);
            for (String counter : List.of("ipackets", "opackets", "ibytes", "obytes", "imissed", "ierrors", "oerrors", "rx_nombuf")) {
                assertThat(p.get(counter)).as("port %d %s", id, counter).isInstanceOf(Double.class);
            }
            double ipackets = get(p, "ipackets");
            assertThat(ipackets).isPositive();
            assertThat(this.<Double>get(p, "ibytes")).as("64-byte null packets").isEqualTo(64 * ipackets);
            assertThat(this.<Double>get(p, "imissed")).isZero();
            assertThat(this.<Double>get(p, "ierrors")).isZero();
            assertThat(this.<Double>get(p, "oerrors")).isZero();
        }
    }

    @Test
    void withJsonTheTotalsBalance() {
        CliRun run = CliRun.of(twoNullPorts("--fwd", "rxonly", "--duration", "0.3", "--json"));

        Map<String, Object> totals = get(MiniJson.parseObject(run.lastOutLine()), "totals");
        double received = get(totals, "received");
        double generated = get(totals, "generated");
        double transmitted = get(totals, "transmitted");
        double dropped = get(totals, "tx_dropped");
        double consumed = get(totals, "consumed");
        assertThat(received).isPositive();
        assertThat(received + generated).isEqualTo(transmitted + dropped + consumed);
        assertThat(this.<Boolean>get(totals, "balanced")).isTrue();
    }

    @Test
    void ioAllocatesNoHeapPerPacketInSteadyStateAccordingToTheJson() {
        CliRun run = CliRun.of(twoNullPorts("--fwd", "io", "--duration", "3", "--json"));

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        List<Map<String, Object>> lcores = get(MiniJson.parseObject(run.lastOutLine()), "lcores");
        assertThat(lcores).hasSize(1);
        assertThat(this.<Double>get(lcores.getFirst(), "steady_packets")).isGreaterThanOrEqualTo(1_000_000);
        assertThat(this.<Double>get(lcores.getFirst(), "steady_alloc_bytes")).isZero();
    }

    @Test
    void interactiveModeReadsCommandsFromStandardInput() {
        CliRun run = CliRun.withInput("show config fwd\nbogus\nshow port info 1\nquit\n", twoNullPorts("-i"));

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("testpmd> ").contains("io packet forwarding - ports=2")
                .contains("Bad arguments: unknown command 'bogus'").contains("Infos for port 1").contains("Bye...");
    }

    @Test
    void ethPeerSetsTheDestinationMacThatMacModeWrites() {
        String u = "cli" + Long.toHexString(System.nanoTime());
        try (Mempool pool = Mempool.builder(u, 64).cacheSize(0).hugePages(false).build();
             Port wire = DriverRegistry.load().open(9, "net_ring_w,rx=" + u + "out,tx=" + u + "in")) {
            wire.configure(1, 1, PortConf.defaults());
            wire.rxQueueSetup(0, 64, pool);
            wire.txQueueSetup(0, 64);
            wire.start();
            Mbuf m = pool.alloc();
            m.write(ByteBuffer.allocate(60).putLong(0x0200_0000_0099_0200L).putInt(0x0000_aa01).putShort((short) 0x0800).array());
            wire.txBurst(0, new Mbuf[] {m}, 0, 1);

            // Port 0 receives what the wire sent; port 1 transmits back to the wire.
            CliRun run = CliRun.of("testpmd", "--vdev", "net_ring0,rx=" + u + "in,tx=" + u + "x",
                    "--vdev", "net_ring1,rx=" + u + "y,tx=" + u + "out", "-l", "0-1", "--fwd", "mac",
                    "--eth-peer", "1,0a:11:22:33:44:55", "--duration", "0.5");

            assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
            Mbuf[] got = new Mbuf[4];
            assertThat(wire.rxBurst(0, got, 0, 4)).isEqualTo(1);
            byte[] frame = got[0].toByteArray();
            got[0].free();
            assertThat(frame).startsWith(0x0a, 0x11, 0x22, 0x33, 0x44, 0x55);
        }
    }
}
