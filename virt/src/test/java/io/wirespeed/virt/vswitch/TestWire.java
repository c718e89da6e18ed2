package io.wirespeed.virt.vswitch;

import io.wirespeed.ethdev.Port;
import io.wirespeed.ethdev.PortBackend;
import io.wirespeed.ethdev.PortConf;
import io.wirespeed.ethdev.PortInfo;
import io.wirespeed.ethdev.RxQueue;
import io.wirespeed.ethdev.TxQueue;
import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import java.util.ArrayList;
import java.util.List;

/**
 * A port for tests: its receive queue hands out the frames the test queued, its transmit queue
 * keeps what it is sent (up to a room the test sets) and counts the bursts, for the test to take.
 */
final class TestWire implements PortBackend {
    private final Mbuf[] rx = new Mbuf[4096];
    private int rxHead;
    private int rxTail;
    private final Mbuf[] tx;
    private int txHeld;
    private int txBursts;

    private TestWire(int txRoom) {
        tx = new Mbuf[txRoom];
    }

    /** A started port over a new wire whose transmit queue holds at most {@code txRoom} frames. */
    static Port open(int id, int txRoom) {
        Port port = new Port(id, "test" + id, "test", new TestWire(txRoom));
        port.configure(1, 1, PortConf.defaults());
        port.rxQueueSetup(0, 64, null);
        port.txQueueSetup(0, 64);
        port.start();
        return port;
    }

    static TestWire of(Port port) {
        return (TestWire) port.backend();
    }

    /** Queues a frame for the port's receive queue. */
    void arrive(Mbuf m) {
        rx[rxTail++] = m;
    }

    /** The frames transmitted so far, as bytes, each freed; the queue is empty again. */
    List<byte[]> takeSent() {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < txHeld; i++) {
            frames.add(tx[i].toByteArray());
            tx[i].free();
        }
        txHeld = 0;
        return frames;
    }

    /** Frees what was transmitted without looking at it. */
    void discardSent() {
        Mbuf.freeBulk(tx, 0, txHeld);
        txHeld = 0;
    }

    int txBursts() {
        return txBursts;
    }

    @Override
    public PortInfo info() {
        return new PortInfo("test", 1, 1, 1, 4096, 9018);
    }

    @Override
    public RxQueue rxQueue(int portId, int queueId, int descriptors, Mempool pool) {
        return new RxQueue(portId, queueId) {
            @Override
            public int rxBurst(Mbuf[] mbufs, int offset, int n) {
                int k = Math.min(n, rxTail - rxHead);
                System.arraycopy(rx, rxHead, mbufs, offset, k);
                rxHead += k;
                if (rxHead == rxTail) {
                    rxHead = 0;
                    rxTail = 0;
                }
                return k;
            }
        };
    }

    @Override
    public TxQueue txQueue(int portId, int queueId, int descriptors) {
        return new TxQueue(portId, queueId) {
            @Override
            public int txBurst(Mbuf[] mbufs, int offset, int n) {
                txBursts++;
                int k = Math.min(n, tx.length - txHeld);
                System.arraycopy(mbufs, offset, tx, txHeld, k);
                txHeld += k;
                return k;
            }
        };
    }
}
