package io.wirespeed.bench;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.memory.MemoryZone;
import io.wirespeed.net.MacAddress;
import io.wirespeed.virt.nic.EmulatedNic;
import io.wirespeed.virt.nic.NicConfig;
import io.wirespeed.virt.traffic.FlowSpec;
import io.wirespeed.virt.traffic.TrafficGenerator;
import io.wirespeed.virt.vf.VfPortBackend;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The SR-IOV receive path on one core: the built-in wire makes a burst of 32 frames, the emulated
 * NIC sorts them by MAC into the VF's pool and copies each into a buffer the guest posted in its
 * own memory, and the guest's net_vf driver receives them (zero copy) and frees them. Each
 * operation is one frame; wire, NIC and guest all run on the benchmark's thread, so the figure
 * is frames per second per core for the whole path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC"})
public class VfRxPathBenchmark {
    private static final int BURST = 32;
    private static final long VF_MAC = MacAddress.parse("02:00:00:00:00:10");

    @Param({"64", "1500"})
    int size;

    @Param({"1", "64"})
    int vfs;

    private Mempool wirePool;
    private Port uplink;
    private EmulatedNic nic;
    private MemoryZone zone;
    private Mempool guestPool;
    private Port guest;
    private final Mbuf[] burst = new Mbuf[BURST];

    @Setup(Level.Trial)
    public void setUp() {
        wirePool = Mempool.builder("wire", 4096).cacheSize(0).build();
        uplink = new Port(0, "net_gen0", TrafficGenerator.DRIVER, new TrafficGenerator(List.of(
                FlowSpec.of(VF_MAC, MacAddress.parse("02:00:00:00:99:01"), size, Long.MAX_VALUE))));
        uplink.configure(1, 1, PortConf.defaults());
        uplink.rxQueueSetup(0, 1024, wirePool);
        uplink.txQueueSetup(0, 1024);
        uplink.start();
        nic = new EmulatedNic(NicConfig.defaults().withLinkSpeed(1_000_000_000_000L), uplink);
        nic.pf().numVfs(vfs);
        for (int i = 0; i < vfs; i++) {
            nic.pf().mac(i, VF_MAC + i); // the frames are for VF 0; the others make the tables realistic
        }
        zone = MemoryZone.anonymous("guest", 32L << 20);
        guestPool = Mempool.builder("guest", 4096).cacheSize(0).zone(zone).build();
        guest = new Port(1, "net_vf0", VfPortBackend.DRIVER, new VfPortBackend(nic.vf(0), zone));
        guest.configure(1, 1, PortConf.defaults());
        guest.rxQueueSetup(0, 1024, guestPool);
        guest.txQueueSetup(0, 1024);
        guest.start();
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int wireToGuest() {
        nic.poll();
        int n = guest.rxBurst(0, burst, 0, BURST);
        Mbuf.freeBulk(burst, 0, n);
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (nic.vf(0).stats().rxPackets() == 0 || nic.vf(0).stats().totalDrops() != 0) {
            throw new IllegalStateException("the VF received " + nic.vf(0).stats().rxPackets() + " and dropped "
                    + nic.vf(0).stats().dropsByReason());
        }
        guest.close();
        guestPool.close();
        zone.close();
        nic.close();
        uplink.close();
        wirePool.close();
    }
}
