package io.wirespeed.driver.afxdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.ethdev.DriverRegistry;
import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortStats;
import io.wirespeed.ethdev.XStat;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.NetInterfaces;
import io.wirespeed.testkit.Host;
import io.wirespeed.testkit.VethPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** net_af_xdp on veth pairs made for each test: root only (skipped elsewhere, failed under CI=true). */
class AfXdpVethTest {
    private static final DriverRegistry REGISTRY = DriverRegistry.load();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private Mempool pool;

    @BeforeEach
    void setUp() {
        Host.requireRoot();
        Host.requireTools("ip");
        Log.quiet(true);
        pool = Mempool.builder("afxdp-test", 4096).cacheSize(0).hugePages(false).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        if (pool != null) {
            pool.close();
        }
        Log.quiet(false);
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        cleanup.add(resource);
        return resource;
    }

    private Port start(String devargs, int queues, int descriptors) {
        Port port = closeLater(REGISTRY.open(0, devargs));
        port.configure(queues, queues, PortConf.defaults());
        for (int q = 0; q < queues; q++) {
            port.rxQueueSetup(q, descriptors, pool);
            port.txQueueSetup(q, descriptors);
        }
        port.start();
        return port;
    }

    /** Polls queue {@code q} until {@code wanted} of our frames arrived or 3 s passed; frees everything. */
    private static List<byte[]> receive(Port port, int q, int wanted) throws InterruptedException {
        List<byte[]> got = new ArrayList<>();
        Mbuf[] burst = new Mbuf[32];
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (got.size() < wanted && System.nanoTime() < deadline) {
            int n = port.rxBurst(q, burst, 0, 32);
            for (int i = 0; i < n; i++) {
                byte[] f = burst[i].toByteArray();
                if (TestFrames.isOurs(f)) {
                    got.add(f);
                }
            }
            Mbuf.freeBulk(burst, 0, n);
            if (n == 0) {
                Thread.sleep(1);
            }
        }
        return got;
    }

    private static String ipLink(String iface) {
        return Host.run("ip", "-d", "link", "show", "dev", iface);
    }

    @ParameterizedTest(name = "mode={0}")
    @ValueSource(strings = {"drv", "skb"})
    void framesSentIntoThePeerArriveWithTheirExactBytes(String mode) throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a() + ",mode=" + mode, 1, 256);
        RawSocket peer = closeLater(RawSocket.open(veth.b()));
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] f = TestFrames.frame(i, 60 + i * 37);
            sent.add(f);
            peer.send(f);
        }

        List<byte[]> got = receive(port, 0, sent.size());

        assertThat(got).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i)).as("frame %d", i).isEqualTo(sent.get(i));
        }
        assertThat(port.stats().ipackets()).isGreaterThanOrEqualTo(sent.size());
        assertThat(((AfXdpBackend) port.backend()).mode().name().toLowerCase()).isEqualTo(mode);
    }

    @ParameterizedTest(name = "busy_budget={0}")
    @ValueSource(ints = {64, 0})
    void busyPollingIsOnUnlessTheBudgetIsZeroAndFramesArriveEitherWay(int budget) throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a() + ",busy_budget=" + budget, 1, 256);
        RawSocket peer = closeLater(RawSocket.open(veth.b()));
        for (int i = 0; i < 10; i++) {
            peer.send(TestFrames.frame(i, 100));
        }
        assertThat(receive(port, 0, 10)).extracting(TestFrames::sequence).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(xstat(port, "q0_busy_polling")).isEqualTo(budget > 0 ? 1 : 0);
    }

    @Test
    void aQueueSleptOnStopsBusyPollingAndStillReceives() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        port.rxQueue(0).sleptOn();
        assertThat(xstat(port, "q0_busy_polling")).isZero();
        RawSocket peer = closeLater(RawSocket.open(veth.b()));
        for (int i = 0; i < 10; i++) {
            peer.send(TestFrames.frame(i, 100));
        }
        assertThat(receive(port, 0, 10)).extracting(TestFrames::sequence).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aTransmittedBurstArrivesAtThePeerByteForByte() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        RawSocket peer = closeLater(RawSocket.open(veth.b()));
        long before = NetInterfaces.statistic(veth.b(), "rx_packets");
        Mbuf[] burst = new Mbuf[32];
        assertThat(pool.allocBulk(burst, 0, 32)).isEqualTo(32);
        for (int i = 0; i < 32; i++) {
            assertThat(burst[i].write(TestFrames.frame(i, 64 + i * 40))).isTrue();
        }

        assertThat(port.txBurst(0, burst, 0, 32)).isEqualTo(32);

        List<byte[]> captured = new ArrayList<>();
        for (byte[] f; captured.size() < 32 && (f = peer.receive(2000)) != null; ) {
            if (TestFrames.isOurs(f)) {
                captured.add(f);
            }
        }
        assertThat(captured).hasSize(32);
        for (int i = 0; i < 32; i++) {
            assertThat(captured.get(i)).isEqualTo(TestFrames.frame(i, 64 + i * 40));
        }
        assertThat(NetInterfaces.statistic(veth.b(), "rx_packets") - before).isGreaterThanOrEqualTo(32);
        assertThat(port.stats().opackets()).isEqualTo(32);
        assertThat(port.stats().obytes()).isEqualTo(32 * 64 + 40L * (31 * 32 / 2));
    }

    @Test
    void sentMbufsReturnToThePoolWhenTheKernelCompletesThem() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        int free = pool.availableCount();
        Mbuf[] burst = new Mbuf[32];
        for (int round = 0; round < 20; round++) {
            assertThat(pool.allocBulk(burst, 0, 32)).isEqualTo(32);
            for (Mbuf m : burst) {
                m.write(TestFrames.frame(round, 60));
            }
            assertThat(port.txBurst(0, burst, 0, 32)).isEqualTo(32);
        }
        // Completions are reaped by the next burst: an empty one.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (pool.availableCount() < free && System.nanoTime() < deadline) {
            port.txBurst(0, burst, 0, 0);
            Thread.sleep(1);
        }
        assertThat(pool.availableCount()).isEqualTo(free);
        assertThat(port.stats().opackets()).isEqualTo(640);
    }

    @Test
    void mbufsOfAnotherPoolAreCopiedIntoTheUmemAndFreed() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        RawSocket peer = closeLater(RawSocket.open(veth.b()));
        try (Mempool other = Mempool.builder("other", 64).cacheSize(0).hugePages(false).build()) {
            Mbuf[] burst = new Mbuf[4];
            other.allocBulk(burst, 0, 4);
            for (int i = 0; i < 4; i++) {
                burst[i].write(TestFrames.frame(100 + i, 90));
            }
            assertThat(port.txBurst(0, burst, 0, 4)).isEqualTo(4);
            assertThat(other.availableCount()).isEqualTo(64);
            for (int i = 0; i < 4; i++) {
                byte[] f;
                do {
                    f = peer.receive(2000);
                } while (f != null && !TestFrames.isOurs(f));
                assertThat(f).isEqualTo(TestFrames.frame(100 + i, 90));
            }
        }
        assertThat(xstat(port, "tx_q0_copied_packets")).isEqualTo(4);
    }

    /**
     * Native mode only: veth hands a frame to generic XDP without recording its receive queue, so
     * there every frame looks as if it came in on queue 0 (see docs/AF_XDP.md).
     */
    @Test
    void aChainIsSentAsOneFrameAndAFrameLongerThanAChunkIsDroppedAndCounted() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        RawSocket peer = closeLater(RawSocket.open(veth.b()));
        int free = pool.availableCount();
        byte[] whole = TestFrames.frame(5, 300);
        Mbuf head = pool.alloc();
        Mbuf tail = pool.alloc();
        head.write(java.util.Arrays.copyOfRange(whole, 0, 100));
        tail.write(java.util.Arrays.copyOfRange(whole, 100, 300));
        assertThat(head.chain(tail)).isTrue();
        Mbuf huge = pool.alloc();
        huge.dataOffset(0);
        huge.length(2100);                              // more than a 2048-byte chunk
        Mbuf empty = pool.alloc();

        assertThat(port.txBurst(0, new Mbuf[] {head, huge, empty}, 0, 3)).isEqualTo(3);

        byte[] f;
        do {
            f = peer.receive(2000);
        } while (f != null && !TestFrames.isOurs(f));
        assertThat(f).isEqualTo(whole);
        assertThat(port.stats().opackets()).isEqualTo(1);
        assertThat(port.stats().oerrors()).isEqualTo(2);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (pool.availableCount() < free && System.nanoTime() < deadline) {
            port.txBurst(0, new Mbuf[0], 0, 0);
            Thread.sleep(1);
        }
        assertThat(pool.availableCount()).isEqualTo(free);
    }

    @Test
    void twoQueuesOnATwoQueueVethBothReceive() throws Exception {
        String base = io.wirespeed.testkit.Names.unique();
        String a = base + "a";
        String b = base + "b";
        Host.run("ip", "link", "add", a, "numrxqueues", "2", "numtxqueues", "2", "type", "veth", "peer", "name", b,
                "numrxqueues", "2", "numtxqueues", "2");
        closeLater(() -> Host.runAllowingFailure(List.of("ip", "link", "del", a), 30));
        for (String end : List.of(a, b)) {
            Host.run("sysctl", "-qw", "net.ipv6.conf." + end + ".disable_ipv6=1");
            Host.run("ip", "link", "set", end, "up");
        }
        Port port = start("net_af_xdp0,iface=" + a + ",queue_count=2,mode=drv", 2, 256);
        // The sender's queue (and so veth's receive queue) is chosen by hashing the flow: 64 flows cover both.
        RawSocket peer = closeLater(RawSocket.open(b));
        for (int flow = 0; flow < 64; flow++) {
            peer.send(TestFrames.udpFrame(flow, 64));
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        Mbuf[] burst = new Mbuf[32];
        int[] perQueue = new int[2];
        while (perQueue[0] + perQueue[1] < 64 && System.nanoTime() < deadline) {
            for (int q = 0; q < 2; q++) {
                int n = port.rxBurst(q, burst, 0, 32);
                perQueue[q] += n;
                Mbuf.freeBulk(burst, 0, n);
            }
            Thread.sleep(1);
        }
        assertThat(perQueue[0] + perQueue[1]).isEqualTo(64);
        assertThat(perQueue[0]).isPositive();
        assertThat(perQueue[1]).isPositive();
        PortStats s = port.stats();
        assertThat(s.qIpackets()).containsExactly(perQueue[0], perQueue[1]);
    }

    @Test
    void aPortLeftToTheDriverGetsRingsThatHoldTenMillisecondsOfVethTraffic() {
        VethPair veth = closeLater(VethPair.create());
        Port port = closeLater(REGISTRY.open(0, "net_af_xdp0,iface=" + veth.a()));

        assertThat(port.info().descriptors(0, 1024)).isEqualTo(4096);
    }

    @Test
    void closingThePortLeavesNoXdpProgramOnTheInterface() {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        assertThat(ipLink(veth.a())).contains("prog/xdp");

        port.close();

        assertThat(ipLink(veth.a())).doesNotContain("xdp");
    }

    @Test
    void framesTheKernelCouldNotPlaceAreCountedAsMissed() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a() + ",mode=drv", 1, 64);
        RawSocket peer = closeLater(RawSocket.open(veth.b()));
        for (int i = 0; i < 200; i++) {
            peer.send(TestFrames.frame(i, 60));     // nobody polls: 64 fill-ring buffers, then drops
        }
        List<byte[]> got = receive(port, 0, 200);

        PortStats s = port.stats();
        assertThat(got).hasSize(64);
        assertThat(s.ipackets()).isEqualTo(64);
        assertThat(s.imissed()).isEqualTo(200 - 64);
        assertThat(s.ipackets() + s.imissed()).isEqualTo(200);
        assertThat(xstat(port, "rx_q0_xdp_dropped")).isEqualTo(136);
        assertThat(xstat(port, "rx_q0_xdp_fill_ring_empty")).isPositive();
    }

    @Test
    void slotsLeftEmptyByADryPoolAreCountedOnceAndRestockedWhenMbufsReturn() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = closeLater(REGISTRY.open(0, "net_af_xdp0,iface=" + veth.a() + ",mode=drv"));
        port.configure(1, 1, PortConf.defaults());
        try (Mempool small = Mempool.builder("small", 300).cacheSize(0).hugePages(false).build()) {
            port.rxQueueSetup(0, 256, small);             // 256 in the fill ring, 44 left
            port.txQueueSetup(0, 64);
            port.start();
            RawSocket peer = closeLater(RawSocket.open(veth.b()));
            List<Mbuf> kept = new ArrayList<>();
            Mbuf[] burst = new Mbuf[32];
            for (int i = 0; i < 100; i++) {
                peer.send(TestFrames.frame(i, 60));
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (kept.size() < 100 && System.nanoTime() < deadline) {
                int n = port.rxBurst(0, burst, 0, 32);
                kept.addAll(List.of(burst).subList(0, n));   // held by the application: the pool runs dry
            }
            assertThat(kept).hasSize(100);
            long nombuf = port.stats().rxNombuf();
            assertThat(nombuf).isBetween(100L - 44, 100L);
            for (int i = 0; i < 10; i++) {
                port.rxBurst(0, burst, 0, 32);               // still dry: nothing counted twice
            }
            assertThat(port.stats().rxNombuf()).isEqualTo(nombuf);

            kept.forEach(Mbuf::free);
            assertThat(port.rxBurst(0, burst, 0, 32)).isZero();   // restocks the fill ring
            for (int i = 0; i < 200; i++) {
                peer.send(TestFrames.frame(1000 + i, 60));
            }
            List<byte[]> got = new ArrayList<>();
            deadline = System.nanoTime() + 3_000_000_000L;
            while (got.size() < 200 && System.nanoTime() < deadline) {
                int n = port.rxBurst(0, burst, 0, 32);
                for (int i = 0; i < n; i++) {
                    got.add(burst[i].toByteArray());
                }
                Mbuf.freeBulk(burst, 0, n);
            }
            assertThat(got).hasSize(200);
            assertThat(port.stats().imissed()).isZero();
            assertThat(port.stats().rxNombuf()).isEqualTo(nombuf);
            port.close();
        }
    }

    @Test
    void aStoppedPortLeavesTheQueueToTheKernelAndTakesItBackOnStart() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        RawSocket peer = closeLater(RawSocket.open(veth.b()));
        port.stop();
        for (int i = 0; i < 5; i++) {
            peer.send(TestFrames.frame(i, 60));
        }
        port.start();
        Mbuf[] burst = new Mbuf[32];
        assertThat(port.rxBurst(0, burst, 0, 32)).isZero();
        peer.send(TestFrames.frame(7, 60));
        List<byte[]> got = receive(port, 0, 1);
        assertThat(got).extracting(TestFrames::sequence).containsExactly(7);
    }

    @Test
    void theSocketDescriptorSignalsArrivals() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        RawSocket peer = closeLater(RawSocket.open(veth.b()));
        int fd = port.rxQueue(0).interruptFd();
        assertThat(fd).isPositive();
        assertThat(Poll.readable(fd, 50)).isFalse();
        peer.send(TestFrames.frame(1, 60));
        assertThat(Poll.readable(fd, 2000)).isTrue();
        assertThat(receive(port, 0, 1)).hasSize(1);
    }

    // ---- mistakes ---------------------------------------------------------------------------------

    @Test
    void aMissingInterfaceIsNamedWithTheOnesThatExist() {
        assertThatThrownBy(() -> REGISTRY.open(0, "net_af_xdp0,iface=nosuch0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("net_af_xdp0: interface 'nosuch0' does not exist (interfaces here: ")
                .hasMessageContaining("lo");
    }

    @Test
    void queuesBeyondTheInterfaceAreRefusedWithTheCountItHas() {
        VethPair veth = closeLater(VethPair.create());
        assertThatThrownBy(() -> REGISTRY.open(0, "net_af_xdp0,iface=" + veth.a() + ",start_queue=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_af_xdp0: start_queue=1,queue_count=1 needs queues 1..1 but " + veth.a() + " has 1 rx and 1"
                        + " tx queues (0..0); lower them, or give " + veth.a() + " more queues (ethtool -L " + veth.a()
                        + " combined N)");
        assertThat(ipLink(veth.a())).doesNotContain("xdp");
    }

    @Test
    void withoutCapabilitiesTheMessageSaysWhatIsNeeded() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            Capabilities.dropEffective();
            try {
                REGISTRY.open(0, "net_af_xdp0,iface=" + veth.a()).close();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        t.start();
        t.join();
        assertThat(thrown[0]).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_af_xdp0: AF_XDP needs CAP_NET_ADMIN and CAP_BPF (or CAP_SYS_ADMIN) — run as root");
        assertThat(ipLink(veth.a())).doesNotContain("xdp");
    }

    @Test
    void aSecondPortOnTheSameInterfaceIsRefusedAndLeavesNothingOpen() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        long fds = openDescriptors();
        assertThatThrownBy(() -> REGISTRY.open(1, "net_af_xdp1,iface=" + veth.a()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("net_af_xdp1: " + veth.a() + " already has an XDP program attached");
        assertThat(openDescriptors()).isEqualTo(fds);
    }

    @Test
    void aPoolTooSmallForTheFillRingFailsStartAndLeavesNothingBehind() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        Port port = closeLater(REGISTRY.open(0, "net_af_xdp0,iface=" + veth.a()));
        port.configure(1, 1, PortConf.defaults());
        try (Mempool small = Mempool.builder("small", 100).cacheSize(0).hugePages(false).build()) {
            port.rxQueueSetup(0, 256, small);
            port.txQueueSetup(0, 256);
            long fds = openDescriptors();
            assertThatThrownBy(port::start)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("net_af_xdp0: mempool small has 100 free mbufs; queue 0 of " + veth.a()
                            + " needs 256 for its fill ring");
            assertThat(openDescriptors()).isEqualTo(fds);
            assertThat(small.availableCount()).isEqualTo(100);
            port.close();
        }
        assertThat(ipLink(veth.a())).doesNotContain("xdp");
    }

    @Test
    void buffersSmallerThanAChunkAreRefusedAtQueueSetUp() {
        VethPair veth = closeLater(VethPair.create());
        Port port = closeLater(REGISTRY.open(0, "net_af_xdp0,iface=" + veth.a()));
        port.configure(1, 1, PortConf.defaults());
        try (Mempool small = Mempool.builder("tiny", 64).dataRoom(1024).cacheSize(0).hugePages(false).build()) {
            assertThatThrownBy(() -> port.rxQueueSetup(0, 256, small))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("net_af_xdp0: mempool tiny has 1152-byte buffers; AF_XDP receives into 2048-byte chunks"
                            + " (headroom + data room >= 2048, e.g. --mbuf-size 1920)");
        }
    }

    @Test
    void descriptorCountsThatAreNotAPowerOfTwoAreRefusedWithTheNextOne() {
        VethPair veth = closeLater(VethPair.create());
        Port port = closeLater(REGISTRY.open(0, "net_af_xdp0,iface=" + veth.a()));
        port.configure(1, 1, PortConf.defaults());
        assertThatThrownBy(() -> port.rxQueueSetup(0, 1000, pool))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_af_xdp0: 1000 rx descriptors: AF_XDP rings are powers of two (try 1024)");
    }

    @Test
    void aQueueThatAlreadyHasASocketIsRefusedByName() throws Exception {
        VethPair veth = closeLater(VethPair.create());
        start("net_af_xdp0,iface=" + veth.a(), 1, 256);
        long fds = openDescriptors();
        int free = pool.availableCount();
        assertThatThrownBy(() -> XskSocket.open("net_af_xdp1", veth.a(), NetInterfaces.index(veth.a()), 0,
                UmemLayout.of("net_af_xdp1", pool), 64, 64, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("net_af_xdp1: queue 0 of " + veth.a() + " already has an AF_XDP socket (another port or"
                        + " process); choose another start_queue");
        assertThat(openDescriptors()).isEqualTo(fds);
        assertThat(pool.availableCount()).isEqualTo(free);
    }

    static long openDescriptors() throws Exception {
        try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    static long xstat(Port port, String name) {
        Map<String, Long> x = port.xstats().stream().collect(Collectors.toMap(XStat::name, XStat::value, (p, q) -> q,
                TreeMap::new));
        assertThat(x).containsKey(name);
        return x.get(name);
    }
}
