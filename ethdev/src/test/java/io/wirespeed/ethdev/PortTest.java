package io.wirespeed.ethdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortTest {
    /** A device that receives `size`-byte packets from its pool and frees what it sends. */
    static final class Loop implements PortBackend {
        final List<String> calls = new ArrayList<>();

        @Override
        public PortInfo info() {
            return new PortInfo("test_loop", 4, 4, 8, 4096, 9000);
        }

        @Override
        public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
            return new RxQueue(portId, queueId) {
                @Override
                public int rxBurst(Mbuf[] mbufs, int offset, int n) {
                    if (pool.allocBulk(mbufs, offset, n) == 0) {
                        countNoMbuf(n);
                        return 0;
                    }
                    for (int i = offset; i < offset + n; i++) {
                        mbufs[i].length(60);
                    }
                    count(n, 60L * n);
                    return n;
                }
            };
        }

        @Override
        public TxQueue txQueue(int portId, int queueId, int descriptors) {
            return new TxQueue(portId, queueId) {
                @Override
                public int txBurst(Mbuf[] mbufs, int offset, int n) {
                    count(n, 60L * n);
                    Mbuf.freeBulk(mbufs, offset, n);
                    return n;
                }
            };
        }

        @Override
        public void start() {
            calls.add("start");
        }

        @Override
        public void stop() {
            calls.add("stop");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    private Mempool pool;
    private Loop device;
    private Port port;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        pool = Mempool.builder("port-test", 256).cacheSize(0).hugePages(false).build();
        device = new Loop();
        port = new Port(0, "test_loop0", "test_loop", device);
    }

    @AfterEach
    void tearDown() {
        port.close();
        pool.close();
    }

    private void startWith(int queues) {
        port.configure(queues, queues, PortConf.defaults());
        for (int q = 0; q < queues; q++) {
            port.rxQueueSetup(q, 512, pool);
            port.txQueueSetup(q, 512);
        }
        port.start();
    }

    @Test
    void burstsAreCountedPerQueueAndPerPort() {
        startWith(2);
        Mbuf[] burst = new Mbuf[32];
        assertThat(port.rxBurst(1, burst, 0, 32)).isEqualTo(32);
        assertThat(port.txBurst(0, burst, 0, 32)).isEqualTo(32);
        PortStats s = port.stats();
        assertThat(s.ipackets()).isEqualTo(32);
        assertThat(s.ibytes()).isEqualTo(32 * 60);
        assertThat(s.opackets()).isEqualTo(32);
        assertThat(s.qIpackets()).containsExactly(0, 32);
        assertThat(s.qOpackets()).containsExactly(32, 0);
    }

    @Test
    void resetStatsStartsCountersFromZero() {
        startWith(1);
        Mbuf[] burst = new Mbuf[8];
        port.rxBurst(0, burst, 0, 8);
        port.txBurst(0, burst, 0, 8);
        port.resetStats();
        assertThat(port.stats().ipackets()).isZero();
        port.rxBurst(0, burst, 0, 8);
        assertThat(port.stats().ipackets()).isEqualTo(8);
        Mbuf.freeBulk(burst, 0, 8);
    }

    @Test
    void poolExhaustionIsCountedAsRxNombuf() {
        startWith(1);
        Mbuf[] all = new Mbuf[256];
        assertThat(port.rxBurst(0, all, 0, 256)).isEqualTo(256);
        assertThat(port.rxBurst(0, new Mbuf[32], 0, 32)).isZero();
        assertThat(port.stats().rxNombuf()).isEqualTo(32);
        Mbuf.freeBulk(all, 0, 256);
    }

    @Test
    void xstatsUseDpdkNames() {
        startWith(1);
        assertThat(port.xstats()).extracting(XStat::name)
                .contains("rx_good_packets", "tx_good_packets", "rx_missed_errors", "rx_mbuf_allocation_errors",
                        "rx_q0_packets", "tx_q0_bytes");
    }

    @Test
    void startNeedsEveryQueueSetUp() {
        port.configure(2, 1, PortConf.defaults());
        port.rxQueueSetup(0, 512, pool);
        port.txQueueSetup(0, 512);
        assertThatThrownBy(port::start).hasMessage("test_loop0: rx queue 1 was not set up");
    }

    @Test
    void configureRejectsMoreQueuesThanTheDriverHas() {
        assertThatThrownBy(() -> port.configure(5, 1, PortConf.defaults()))
                .hasMessage("test_loop0: 5 rx queues asked, test_loop supports 1..4");
    }

    @Test
    void descriptorCountOutsideTheDriversRangeIsRejected() {
        port.configure(1, 1, PortConf.defaults());
        assertThatThrownBy(() -> port.rxQueueSetup(0, 4, pool))
                .hasMessage("test_loop0: 4 descriptors asked, test_loop supports 8..4096");
    }

    @Test
    void startedPortCannotBeReconfigured() {
        startWith(1);
        assertThatThrownBy(() -> port.configure(1, 1, PortConf.defaults()))
                .hasMessage("test_loop0: cannot configure a port that is started");
    }

    @Test
    void stopAndCloseReachTheDriverOnce() {
        startWith(1);
        port.stop();
        port.close();
        port.close();
        assertThat(device.calls).containsExactly("start", "stop", "close");
        assertThat(port.state()).isEqualTo(Port.State.CLOSED);
    }

    @Test
    void linkIsDownUntilStarted() {
        assertThat(port.link().up()).isFalse();
        startWith(1);
        assertThat(port.link().up()).isTrue();
    }

    @Test
    void resetReturnsThePortToCreated() {
        startWith(1);
        port.reset();
        assertThat(port.state()).isEqualTo(Port.State.CREATED);
        assertThat(port.rxQueueCount()).isZero();
        startWith(1);
        assertThat(port.state()).isEqualTo(Port.State.STARTED);
    }

    @Test
    void multicastMacIsRefused() {
        assertThatThrownBy(() -> port.macAddress(MacAddress.parse("01:00:5e:00:00:01")))
                .hasMessage("test_loop0: 01:00:5e:00:00:01 is not a unicast address");
    }
}
