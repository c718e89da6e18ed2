package io.wirespeed.driver.afpacket;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the receive and transmit paths over scratch rings before the port's first real frame, so
 * that the JIT has compiled them by then. Without it the first frames meet interpreted code: on a
 * busy two-CPU host the port then took about 3 s to reach full speed, and the kernel dropped
 * ~100,000 frames meanwhile (imissed) at 0.3 Mpps. The scratch rings are ordinary memory laid out
 * as the kernel lays out its rings; the queues made for them are thrown away with their counters.
 */
final class DataPathWarmup {
    private static final RingGeometry SCRATCH = new RingGeometry(1 << 16, 2048, 32); // one block, 32 slots
    private static final int FRAMES_PER_BLOCK = 400;
    private static final int FRAME_STRIDE = 144;   // a 64-byte frame behind its headers, 16-aligned
    private static final int MAC_OFFSET = 82;      // where the kernel puts the MAC header (V3, SOCK_RAW)
    private static final int FRAME_LENGTH = 64;
    private static final int BURST = 32;

    /** Compiled code serves every port of the JVM: one warm-up is enough. */
    private static final AtomicBoolean DONE = new AtomicBoolean();
    /** 80,000 frames: enough for C2 to compile both paths (about 0.5 s the first time, on one busy CPU). */
    private static final int BLOCKS = 200;

    private DataPathWarmup() {
    }

    /** The first port to start in this JVM runs the warm-up; the others find it done. */
    static void once(Mempool pool, boolean vnetHeader) {
        if (DONE.compareAndSet(false, true)) {
            run(pool, vnetHeader, BLOCKS);
        }
    }

    /**
     * Moves {@code blocks * 400} synthetic frames through rx and tx, with mbufs from {@code pool}
     * (all given back); returns how many the transmit path took.
     */
    static long run(Mempool pool, boolean vnetHeader, int blocks) {
        long sent = 0;
        try (Arena arena = Arena.ofConfined()) {
            QueuePair pair = QueuePair.scratch(SCRATCH, vnetHeader, arena);
            pair.limitTxFrames(1500);
            AddressFilter promiscuous = new AddressFilter();
            promiscuous.promiscuous(true);
            AfPacketRxQueue rx = new AfPacketRxQueue(0, 0, pair, pool, promiscuous);
            AfPacketTxQueue tx = new AfPacketTxQueue(0, 0, pair);
            Mbuf[] burst = new Mbuf[BURST];
            for (int b = 0; b < blocks; b++) {
                fillBlock(pair.rxRing);
                int n;
                while ((n = rx.rxBurst(burst, 0, BURST)) > 0) {
                    int taken = tx.txBurst(burst, 0, n);
                    Mbuf.freeBulk(burst, taken, n - taken);
                    sent += taken;
                    releaseSlots(pair.txRing);
                }
            }
        }
        return sent;
    }

    /** One closed block of 64-byte frames, as the kernel would hand it over. */
    private static void fillBlock(MemorySegment ring) {
        long frame = Tpacket3.BLOCK_DESC_SIZE;
        for (int i = 0; i < FRAMES_PER_BLOCK; i++, frame += FRAME_STRIDE) {
            ring.set(JAVA_INT, frame + Tpacket3.NEXT_OFFSET, i + 1 < FRAMES_PER_BLOCK ? FRAME_STRIDE : 0);
            ring.set(JAVA_INT, frame + Tpacket3.SNAPLEN, FRAME_LENGTH);
            ring.set(JAVA_INT, frame + Tpacket3.LEN, FRAME_LENGTH);
            ring.set(JAVA_INT, frame + Tpacket3.STATUS, Tpacket3.TP_STATUS_USER);
            ring.set(JAVA_SHORT, frame + Tpacket3.MAC, (short) MAC_OFFSET);
        }
        ring.set(JAVA_INT, Tpacket3.BLOCK_NUM_PKTS, FRAMES_PER_BLOCK);
        ring.set(JAVA_INT, Tpacket3.BLOCK_OFFSET_TO_FIRST_PKT, Tpacket3.BLOCK_DESC_SIZE);
        ring.set(JAVA_INT, Tpacket3.BLOCK_STATUS, Tpacket3.TP_STATUS_USER);
    }

    /** Plays the kernel's part on transmit: every slot sent and available again. */
    private static void releaseSlots(MemorySegment ring) {
        for (int slot = 0; slot < SCRATCH.frameCount(); slot++) {
            ring.set(JAVA_INT, (long) slot * SCRATCH.frameSize() + Tpacket3.STATUS, Tpacket3.TP_STATUS_AVAILABLE);
        }
    }
}
