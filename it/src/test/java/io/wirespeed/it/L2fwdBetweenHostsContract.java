package io.wirespeed.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.app.l2fwd.L2fwd;
import io.wirespeed.app.l2fwd.L2fwdConfig;
import io.wirespeed.app.l2fwd.L2fwdReport;
import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.lcore.CoreList;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Host A and host B talk through Wirespeed's l2fwd, run in this JVM: ping, a TCP and a UDP iperf3
 * run, and l2fwd's counters against the kernel's. One subclass per driver says how the hosts are
 * linked to the DUT's two ports. The topology is built once per class; l2fwd is started afresh
 * for each test, so each test's counts are its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class L2fwdBetweenHostsContract {
    /** l2fwd's output, for a failure message. */
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    protected Hosts hosts;
    protected L2fwd l2fwd;

    /** The namespaces and links, before l2fwd opens its ports. */
    abstract Hosts createHosts();

    /** The two ports' devargs. */
    abstract List<String> vdevs(Hosts h);

    /** Whether l2fwd rewrites MAC addresses (the hosts' addresses are the ones it writes). */
    boolean macUpdating() {
        return true;
    }

    /** After l2fwd opened its ports (a tap exists only from then on). */
    void portsOpened(Hosts h) {
    }

    @BeforeAll
    void openTopology() {
        Host.requireRoot();
        Host.requireTools("ip", "ping", "iperf3");
        Log.quiet(true);
        hosts = createHosts();
        try {
            L2fwdConfig config = L2fwdConfig.of(vdevs(hosts), CoreList.parseCores("0-1"), 0x3)
                    .withPortsPerLcore(2).withMacUpdating(macUpdating()).withIdle("backoff").withHugePages(false);
            l2fwd = L2fwd.open(config, DriverRegistry.load(), new PrintStream(output, true));
            portsOpened(hosts);
        } catch (RuntimeException | Error e) {
            closeTopology();
            throw e;
        }
    }

    @AfterAll
    void closeTopology() {
        if (l2fwd != null) {
            l2fwd.close();
            l2fwd = null;
        }
        if (hosts != null) {
            hosts.close();
            hosts = null;
        }
    }

    @BeforeEach
    void startForwarding() {
        l2fwd.start();
    }

    @AfterEach
    void stopForwarding() {
        if (l2fwd != null && l2fwd.isForwarding()) {
            l2fwd.stop();
        }
    }

    @Test
    @Order(1)
    void hostAPingsHostBThroughL2fwd() {
        Host.Result ping = Host.runAllowingFailure(hosts.a().inside("ping", "-c", "5", "-i", "0.2", "-W", "2", Hosts.IP_B), 30);

        assertThat(ping.exitCode()).as("ping 10.99.0.1 -> 10.99.0.2:%n%s%s", ping.stdout(), ping.stderr()).isZero();
        assertThat(ping.stdout()).contains("5 packets transmitted, 5 received");
        L2fwdReport r = l2fwd.stop();
        assertThat(r.port(0).rx()).as("frames from A (echo requests, ARP)").isGreaterThanOrEqualTo(5);
        assertThat(r.port(1).tx() + r.port(1).dropped()).as("what A sent went to B or was counted").isEqualTo(r.port(0).rx());
        assertThat(r.totals().balanced()).isTrue();
    }

    @Test
    @Order(2)
    void aTcpStreamFlowsThroughL2fwd() throws InterruptedException {
        Iperf3.Result tcp = Iperf3.run(hosts.b(), hosts.a(), Hosts.IP_B, 2);

        assertThat(tcp.mbitsPerSecond()).as("TCP goodput A -> B, Mbit/s").isGreaterThan(20);
        assertThat(l2fwd.stop().totals().balanced()).isTrue();
    }

    @Test
    @Order(3)
    void a100MbitUdpStreamFlowsThroughL2fwd() throws InterruptedException {
        Iperf3.Result udp = Iperf3.run(hosts.b(), hosts.a(), Hosts.IP_B, 2, "-u", "-b", "100M");

        assertThat(udp.mbitsPerSecond()).as("UDP received A -> B, Mbit/s").isGreaterThan(50);
        assertThat(udp.lostPercent()).as("UDP datagrams lost, %").isLessThan(20);
        assertThat(l2fwd.stop().totals().balanced()).isTrue();
    }

    /**
     * Under load (a UDP stream and pings), every frame the kernel handed to a DUT port is one
     * l2fwd received or the port counted as missed or in error, and every frame a DUT port sent
     * the kernel took.
     */
    @Test
    @Order(4)
    void l2fwdsCountsAgreeWithTheKernels() throws InterruptedException {
        hosts.pinNeighbours();
        Thread.sleep(300); // frames queued while l2fwd was stopped are drained before counting starts
        L2fwdReport before = l2fwd.snapshot();
        long[] towards = {hosts.towardsPort(0), hosts.towardsPort(1)};
        long[] from = {hosts.fromPort(0), hosts.fromPort(1)};

        Iperf3.run(hosts.b(), hosts.a(), Hosts.IP_B, 2, "-u", "-b", "100M");
        Host.runAllowingFailure(hosts.a().inside("ping", "-c", "20", "-i", "0.01", "-W", "2", Hosts.IP_B), 30);
        Thread.sleep(500); // the last frames cross
        L2fwdReport after = l2fwd.stop();

        for (int port = 0; port < 2; port++) {
            PortStats was = before.port(port).nic();
            PortStats is = after.port(port).nic();
            long received = after.port(port).rx() - before.port(port).rx();
            long counted = (is.imissed() - was.imissed()) + (is.ierrors() - was.ierrors());
            assertThat(hosts.towardsPort(port) - towards[port])
                    .as("port %d: frames the kernel handed over = l2fwd rx %d + missed/errors %d", port, received, counted)
                    .isEqualTo(received + counted);
            assertThat(is.ipackets() - was.ipackets()).as("port %d: NIC ipackets = l2fwd rx", port).isEqualTo(received);
            long sent = after.port(port).tx() - before.port(port).tx();
            assertThat(is.opackets() - was.opackets()).as("port %d: NIC opackets = l2fwd tx", port).isEqualTo(sent);
            assertThat(hosts.fromPort(port) - from[port]).as("port %d: frames the kernel took = l2fwd tx", port).isEqualTo(sent);
        }
        assertThat(after.totals().rx()).isGreaterThan(10_000);
        assertThat(after.totals().balanced()).isTrue();
    }
}
