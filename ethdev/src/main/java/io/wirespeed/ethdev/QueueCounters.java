package io.wirespeed.ethdev;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters of one queue. Only the lcore that polls the queue writes them, with opaque
 * stores (a plain mov on x86, but one the JIT may not hoist out of a poll loop); any thread may
 * read them with opaque loads and sees each counter move forward, never torn.
 */
public class QueueCounters {
    private static final VarHandle PACKETS;
    private static final VarHandle BYTES;
    private static final VarHandle ERRORS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PACKETS = l.findVarHandle(QueueCounters.class, "packets", long.class);
            BYTES = l.findVarHandle(QueueCounters.class, "bytes", long.class);
            ERRORS = l.findVarHandle(QueueCounters.class, "errors", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through PACKETS
    private long packets;
    @SuppressWarnings("unused") // through BYTES
    private long bytes;
    @SuppressWarnings("unused") // through ERRORS
    private long errors;

    /** Owner only: {@code n} packets of {@code byteCount} bytes in all went through. */
    protected final void count(int n, long byteCount) {
        PACKETS.setOpaque(this, (long) PACKETS.getOpaque(this) + n);
        BYTES.setOpaque(this, (long) BYTES.getOpaque(this) + byteCount);
    }

    /** Owner only: {@code n} packets failed (malformed, too long, refused by the device). */
    protected final void countErrors(long n) {
        ERRORS.setOpaque(this, (long) ERRORS.getOpaque(this) + n);
    }

    public final long packets() {
        return (long) PACKETS.getOpaque(this);
    }

    public final long bytes() {
        return (long) BYTES.getOpaque(this);
    }

    public final long errors() {
        return (long) ERRORS.getOpaque(this);
    }
}
