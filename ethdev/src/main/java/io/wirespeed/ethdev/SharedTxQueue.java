package io.wirespeed.ethdev;

import io.wirespeed.mbuf.Mbuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A transmit queue of a {@link SteeredPortBackend} that has more transmit queues than its device:
 * several of them send through one device queue, one burst at a time under that queue's lock (a
 * compare-and-set spin lock, held only for the device's txBurst).
 */
final class SharedTxQueue extends TxQueue {
    /** The lock of one device queue, shared by the port queues that send through it. */
    static final class Lock {
        private static final VarHandle HELD;

        static {
            try {
                HELD = MethodHandles.lookup().findVarHandle(Lock.class, "held", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // through HELD
        private volatile int held;

        void lock() {
            while (!HELD.compareAndSet(this, 0, 1)) {
                Thread.onSpinWait();
            }
        }

        void unlock() {
            // Release: the device queue's state written under the lock is seen by the next holder.
            HELD.setRelease(this, 0);
        }
    }

    private final TxQueue device;
    private final Lock lock;

    SharedTxQueue(int portId, int queueId, TxQueue device, Lock lock) {
        super(portId, queueId);
        this.device = device;
        this.lock = lock;
    }

    @Override
    public int txBurst(Mbuf[] mbufs, int offset, int n) {
        long bytes = 0;
        for (int i = offset; i < offset + n; i++) {
            bytes += mbufs[i].packetLength();
        }
        int sent;
        lock.lock();
        try {
            sent = device.txBurst(mbufs, offset, n);
        } finally {
            lock.unlock();
        }
        if (sent < n) {
            for (int i = offset + sent; i < offset + n; i++) {
                bytes -= mbufs[i].packetLength();
            }
        }
        count(sent, bytes);
        return sent;
    }
}
