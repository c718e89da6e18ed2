package io.wirespeed.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.lcore.CoreList;
import io.wirespeed.lcore.IdlePolicy;
import io.wirespeed.lcore.LcoreRuntime;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import io.wirespeed.testkit.Host;
import io.wirespeed.virt.vswitch.DropReason;
import io.wirespeed.virt.vswitch.VSwitch;
import io.wirespeed.virt.vswitch.VSwitchLoop;
import io.wirespeed.virt.vswitch.VlanMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Host A and host B ping each other through the vswitch, its ports net_af_packet on the DUT-side
 * ends of two veth pairs: as a plain learning bridge, and with the hosts on access ports of
 * different VLANs, which keeps them apart. Each test runs a switch of its own over the same
 * ports. (Tagged frames on a trunk would need a VLAN interface in a namespace, which needs the
 * kernel's 8021q module; the unit tests cover the tags.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VSwitchBetweenHostsTest {
    private VethHosts hosts;
    private final List<Port> ports = new ArrayList<>();
    private Mempool pool;
    private LcoreRuntime runtime;
    private VSwitch vswitch;

    @BeforeAll
    void openTopology() {
        Host.requireRoot();
        Host.requireTools("ip", "ping");
        Log.quiet(true);
        hosts = VethHosts.create();
        try {
            pool = Mempool.builder("vswitch-it", 8192).hugePages(false).build();
            DriverRegistry registry = DriverRegistry.load();
            for (String dev : List.of("net_af_packet0,iface=" + hosts.dutA(), "net_af_packet1,iface=" + hosts.dutB())) {
                Port port = registry.open(ports.size(), dev);
                ports.add(port);
                port.configure(1, 1, PortConf.defaults());
                port.rxQueueSetup(0, 1024, pool);
                port.txQueueSetup(0, 1024);
                port.promiscuous(true);
                port.start();
            }
            runtime = LcoreRuntime.start(CoreList.parseCores("0-1"));
        } catch (RuntimeException | Error e) {
            closeTopology();
            throw e;
        }
    }

    @AfterAll
    void closeTopology() {
        if (runtime != null) {
            runtime.close();
        }
        ports.forEach(Port::close);
        if (pool != null) {
            pool.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    /** Starts a switch with these modes for ports 0 (towards A) and 1 (towards B). */
    private void switchWith(VlanMode a, VlanMode b) {
        vswitch = new VSwitch(pool);
        vswitch.addPort("a", ports.get(0), 0, 0, a);
        vswitch.addPort("b", ports.get(1), 0, 0, b);
        runtime.launch(1, new VSwitchLoop(vswitch, IdlePolicy.named("backoff")));
    }

    @AfterEach
    void stopSwitching() {
        runtime.requestStop();
        runtime.awaitAll();
    }

    private static Host.Result ping(Hosts h) {
        return Host.runAllowingFailure(h.a().inside("ping", "-c", "5", "-i", "0.2", "-W", "2", Hosts.IP_B), 30);
    }

    @Test
    @Order(1)
    void hostAPingsHostBThroughTheSwitchWhichLearnsBothAndStopsFlooding() {
        switchWith(VlanMode.access(1), VlanMode.access(1));
        Host.Result ping = ping(hosts);
        runtime.requestStop();
        runtime.awaitAll();

        assertThat(ping.exitCode()).as("ping A -> B:%n%s%s", ping.stdout(), ping.stderr()).isZero();
        assertThat(ping.stdout()).contains("5 packets transmitted, 5 received");
        assertThat(vswitch.macTableSize(System.nanoTime())).as("A and B learned").isGreaterThanOrEqualTo(2);
        assertThat(vswitch.stats(0).unicast()).as("echo requests went to B's port alone").isGreaterThanOrEqualTo(5);
        assertThat(vswitch.emcHits()).isPositive();
        assertThat(vswitch.balanced()).isTrue();
    }

    @Test
    @Order(2)
    void hostsInDifferentVlansDoNotReachEachOther() {
        hosts.a().exec("ip", "neigh", "flush", "all");
        switchWith(VlanMode.access(10), VlanMode.access(20));
        Host.Result ping = Host.runAllowingFailure(hosts.a().inside("ping", "-c", "2", "-i", "0.2", "-W", "1", Hosts.IP_B), 30);
        runtime.requestStop();
        runtime.awaitAll();

        assertThat(ping.exitCode()).as("ping A -> B across VLANs:%n%s", ping.stdout()).isNotZero();
        assertThat(vswitch.stats(0).rxPackets()).as("A's ARP requests reached the switch").isPositive();
        assertThat(vswitch.stats(0).drops(DropReason.NO_OUTPUT)).as("no other port in VLAN 10")
                .isEqualTo(vswitch.stats(0).rxPackets());
        assertThat(vswitch.stats(1).txPackets()).as("nothing went to B").isZero();
        assertThat(vswitch.balanced()).isTrue();
    }
}
