package io.wirespeed.ethdev;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SteeredPortBackendTest {
    /** A one-queue device whose packets carry their sequence number as user data; finite if asked. */
    static final class Numbered implements PortBackend {
        final long total;
        long next;
        long sent;
        int sleptOn;

        Numbered(long total) {
            this.total = total;
        }

        @Override
        public PortInfo info() {
            return new PortInfo("numbered", 1, 1, 8, 4096, 9000, 2048);
        }

        @Override
        public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
            return new RxQueue(portId, queueId) {
                @Override
                public int rxBurst(Mbuf[] mbufs, int offset, int n) {
                    int want = (int) Math.min(n, total - next);
                    if (want == 0 || pool.allocBulk(mbufs, offset, want) == 0) {
                        return 0;
                    }
                    for (int i = offset; i < offset + want; i++) {
                        mbufs[i].length(60);
                        mbufs[i].userData(next++);
                    }
                    count(want, 60L * want);
                    return want;
                }

                @Override
                public boolean isFinite() {
                    return total != Long.MAX_VALUE;
                }

                @Override
                public boolean isExhausted() {
                    return next == total;
                }

                @Override
                public void sleptOn() {
                    sleptOn++;
                }
            };
        }

        @Override
        public TxQueue txQueue(int portId, int queueId, int descriptors) {
            return new TxQueue(portId, queueId) {
                @Override
                public int txBurst(Mbuf[] mbufs, int offset, int n) {
                    sent += n;
                    count(n, 60L * n);
                    Mbuf.freeBulk(mbufs, offset, n);
                    return n;
                }
            };
        }
    }

    /** Steers by a function of the sequence number; counts the packets it examined. */
    static final class BySequence implements RxSteering {
        final LongToIntFunction queueOf;
        final boolean passThrough;
        long examined;

        BySequence(boolean passThrough, LongToIntFunction queueOf) {
            this.passThrough = passThrough;
            this.queueOf = queueOf;
        }

        @Override
        public void configure(int queues, int deviceQueues) {
        }

        @Override
        public boolean isPassThrough() {
            return passThrough;
        }

        @Override
        public Steerer newSteerer(int deviceQueue) {
            return m -> {
                examined++;
                return queueOf.applyAsInt(m.userData());
            };
        }

        @Override
        public List<String> dropReasons() {
            return List.of("odd");
        }
    }

    private Mempool pool;
    private Port port;

    @BeforeEach
    void setUp() {
        Log.quiet(true);
        pool = Mempool.builder("steer-test", 2048).cacheSize(0).hugePages(false).build();
    }

    @AfterEach
    void tearDown() {
        if (port != null) {
            port.close();
        }
        assertThat(pool.inUseCount()).as("mbufs left out of the pool").isZero();
        pool.close();
    }

    private Port start(PortBackend device, RxSteering steering, int rxQueues, int txQueues) {
        port = new Port(0, "steered0", device.info().driverName(), new SteeredPortBackend(device, steering));
        port.configure(rxQueues, txQueues, PortConf.defaults());
        for (int q = 0; q < rxQueues; q++) {
            port.rxQueueSetup(q, 512, pool);
        }
        for (int q = 0; q < txQueues; q++) {
            port.txQueueSetup(q, 512);
        }
        port.start();
        return port;
    }

    private static List<Long> sequences(Mbuf[] burst, int n) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seqs.add(burst[i].userData());
        }
        Mbuf.freeBulk(burst, 0, n);
        return seqs;
    }

    private static long xstat(Port p, String name) {
        return p.xstats().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void offersMoreQueuesThanTheDevice() {
        PortBackend steered = new SteeredPortBackend(new Numbered(0), new BySequence(true, s -> 0));
        assertThat(steered.info().maxRxQueues()).isEqualTo(SteeredPortBackend.MAX_QUEUES);
        assertThat(steered.info().maxTxQueues()).isEqualTo(SteeredPortBackend.MAX_QUEUES);
        assertThat(steered.info().driverName()).isEqualTo("numbered");
    }

    @Test
    void keepsTheDevicesPreferredRingSize() {
        PortBackend steered = new SteeredPortBackend(new Numbered(0), new BySequence(true, s -> 0));
        assertThat(steered.info().preferredDescriptors()).isEqualTo(2048);
    }

    @Test
    void aQueueSleptOnTellsItsDeviceQueue() {
        Numbered device = new Numbered(0);
        start(device, new BySequence(true, s -> 0), 1, 1).rxQueue(0).sleptOn();
        assertThat(device.sleptOn).isEqualTo(1);
    }

    @Test
    void passThroughDeliversTheDevicePacketsUnexamined() {
        BySequence steering = new BySequence(true, s -> 0);
        start(new Numbered(Long.MAX_VALUE), steering, 1, 1);
        Mbuf[] burst = new Mbuf[32];
        assertThat(port.rxBurst(0, burst, 0, 32)).isEqualTo(32);
        assertThat(sequences(burst, 32)).first().isEqualTo(0L);
        assertThat(steering.examined).isZero();
        assertThat(port.stats().ipackets()).isEqualTo(32);
    }

    @Test
    void spreadsOverMoreQueuesThanTheDeviceHas() {
        start(new Numbered(Long.MAX_VALUE), new BySequence(false, s -> (int) (s % 4)), 4, 1);
        Mbuf[] burst = new Mbuf[64];
        assertThat(port.rxBurst(0, burst, 0, 32)).isEqualTo(8);
        assertThat(sequences(burst, 8)).containsExactly(0L, 4L, 8L, 12L, 16L, 20L, 24L, 28L);
        for (int q = 1; q < 4; q++) {
            assertThat(port.rxBurst(q, burst, 0, 64)).isEqualTo(8);
            List<Long> seqs = sequences(burst, 8);
            int queue = q;
            assertThat(seqs).allMatch(s -> s % 4 == queue).isSorted();
        }
        assertThat(port.stats().qIpackets()).containsExactly(8, 8, 8, 8);
    }

    @Test
    void theDrainingQueueTakesWhatOthersSteeredToItFirst() {
        start(new Numbered(Long.MAX_VALUE), new BySequence(false, s -> s < 8 ? 1 : 0), 2, 1);
        Mbuf[] burst = new Mbuf[32];
        assertThat(port.rxBurst(1, burst, 0, 32)).isZero(); // queue 1 has no device queue to drain
        assertThat(port.rxBurst(0, burst, 0, 16)).isEqualTo(8);
        Mbuf.freeBulk(burst, 0, 8);
        assertThat(port.rxBurst(1, burst, 0, 32)).isEqualTo(8);
        assertThat(sequences(burst, 8)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void steeringDropsAreFreedAndCountedByReason() {
        start(new Numbered(Long.MAX_VALUE), new BySequence(false, s -> s % 2 == 1 ? -1 : 0), 2, 1);
        Mbuf[] burst = new Mbuf[32];
        assertThat(port.rxBurst(0, burst, 0, 32)).isEqualTo(16);
        Mbuf.freeBulk(burst, 0, 16);
        assertThat(xstat(port, "rx_steer_odd_packets")).isEqualTo(16);
        assertThat(xstat(port, "rx_steer_invalid_queue_packets")).isZero();
    }

    @Test
    void aQueueThePortDoesNotHaveIsCountedAsInvalid() {
        start(new Numbered(Long.MAX_VALUE), new BySequence(false, s -> 7), 2, 1);
        assertThat(port.rxBurst(0, new Mbuf[32], 0, 32)).isZero();
        assertThat(xstat(port, "rx_steer_invalid_queue_packets")).isEqualTo(32);
    }

    @Test
    void aFullRingIsCountedAsMissed() {
        start(new Numbered(Long.MAX_VALUE), new BySequence(false, s -> 1), 2, 1);
        Mbuf[] burst = new Mbuf[32];
        for (int i = 0; i < 20; i++) {
            assertThat(port.rxBurst(0, burst, 0, 32)).isZero();
        }
        int ring = 2 * SteeredRxQueue.MAX_DEVICE_BURST; // 512 descriptors round to the ring's minimum
        assertThat(port.stats().imissed()).isEqualTo(20 * 32 - ring);
        assertThat(xstat(port, "rx_steer_ring_full_packets")).isEqualTo(20 * 32 - ring);
    }

    @Test
    void transmitQueuesBeyondTheDeviceShareItsQueue() {
        Numbered device = new Numbered(Long.MAX_VALUE);
        start(device, new BySequence(true, s -> 0), 1, 3);
        Mbuf[] burst = new Mbuf[8];
        for (int q = 0; q < 3; q++) {
            assertThat(pool.allocBulk(burst, 0, 8)).isEqualTo(8);
            for (Mbuf m : burst) {
                m.length(100);
            }
            assertThat(port.txBurst(q, burst, 0, 8)).isEqualTo(8);
        }
        assertThat(device.sent).isEqualTo(24);
        assertThat(port.stats().qOpackets()).containsExactly(8, 8, 8);
        assertThat(port.stats().obytes()).isEqualTo(24 * 100);
    }

    @Test
    void aFiniteDeviceExhaustsEveryQueueOnceItsPacketsAreSteeredAndRead() {
        start(new Numbered(10), new BySequence(false, s -> (int) (s % 2)), 2, 1);
        RxQueue q0 = port.rxQueue(0);
        RxQueue q1 = port.rxQueue(1);
        assertThat(q0.isFinite()).isTrue();
        Mbuf[] burst = new Mbuf[32];
        assertThat(port.rxBurst(0, burst, 0, 32)).isEqualTo(5);
        Mbuf.freeBulk(burst, 0, 5);
        assertThat(q1.isExhausted()).as("the device's end not yet seen by its drainer").isFalse();
        assertThat(port.rxBurst(0, burst, 0, 32)).isZero();
        assertThat(q0.isExhausted()).isTrue();
        assertThat(q1.isExhausted()).as("five packets still wait in its ring").isFalse();
        assertThat(port.rxBurst(1, burst, 0, 32)).isEqualTo(5);
        Mbuf.freeBulk(burst, 0, 5);
        assertThat(q1.isExhausted()).isTrue();
    }

    @Test
    void anEndlessDeviceIsNotFinite() {
        start(new Numbered(Long.MAX_VALUE), new BySequence(false, s -> 0), 2, 1);
        assertThat(port.rxQueue(1).isFinite()).isFalse();
    }

    @Test
    void closingFreesThePacketsWaitingInRings() {
        start(new Numbered(Long.MAX_VALUE), new BySequence(false, s -> 1), 2, 1);
        assertThat(port.rxBurst(0, new Mbuf[32], 0, 32)).isZero();
        assertThat(pool.inUseCount()).isEqualTo(32);
        port.close();
        assertThat(pool.inUseCount()).isZero();
    }
}
