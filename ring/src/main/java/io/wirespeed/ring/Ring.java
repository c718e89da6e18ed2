package io.wirespeed.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.util.Objects;

/**
 * A fixed-size, lock-free FIFO of references: DPDK's {@code rte_ring} for the JVM.
 *
 * <p>The size is a power of two and every slot is usable ({@code capacity() == size}). Each side
 * is {@link SyncMode#SINGLE single} or {@link SyncMode#MULTI multi} threaded, fixed at
 * {@link #create creation}: a {@code SINGLE} side must be used by one thread at a time.
 *
 * <h2>Operations</h2>
 * <ul>
 *   <li><b>bulk</b> ({@link #enqueueBulk enqueueBulk}, {@link #dequeueBulk dequeueBulk}): all
 *       {@code n} elements or none; returns {@code n} or 0;</li>
 *   <li><b>burst</b> ({@link #enqueueBurst enqueueBurst}, {@link #dequeueBurst dequeueBurst}): as
 *       many as fit / as are there; returns 0..{@code n};</li>
 *   <li>the {@code int[] freeSpace} / {@code int[] available} overloads also store, in element 0,
 *       the free space left after the enqueue / the entries left after the dequeue, as seen by
 *       this operation (DPDK's {@code free_space} and {@code available} outputs);</li>
 *   <li>{@link #offer} and {@link #poll}: one element, no array.</li>
 * </ul>
 * No operation blocks, locks or allocates. A burst moves its elements with one index update.
 *
 * <h2>Typed slots</h2>
 * {@link #create(String, int, SyncMode, SyncMode, Class)} makes the slot array an {@code E[]} of
 * the given class; {@link #create(String, int, SyncMode, SyncMode)} an {@code Object[]}. Bursts
 * are moved with {@code System.arraycopy}, which checks every element's class when copying from
 * an {@code Object[]} into, say, an {@code Mbuf[]}: give the element class when the callers'
 * arrays are of that class (measured: a 32-element burst in and out takes about half the time).
 * An element an array cannot hold (only possible through unchecked casts) raises
 * {@link ArrayStoreException}; a multi-producer ring then publishes the burst's slots as nulls
 * and a multi-consumer ring drops the burst, so that the other threads are never held up.
 *
 * <h2>Slots are not cleared</h2>
 * Like DPDK, a dequeue copies references out but does <em>not</em> null the slots: the ring keeps
 * a reference to each element until a later enqueue overwrites the slot, so a dequeued object is
 * not garbage-collectable while its old slot is unused. The kit's rings carry long-lived, pooled
 * mbufs, for which this costs nothing and saves a store per element. Do not use a Ring to hand
 * over short-lived objects whose retention matters.
 *
 * <h2>Nulls</h2>
 * {@link #offer} rejects null and {@link #poll} returns null for "empty". The array operations
 * copy whatever references they are given, nulls included, without checking them.
 *
 * <h2>Algorithm and memory ordering</h2>
 * Each side has a head (next index to reserve) and a tail (indices below it are done); indices
 * are 64-bit and never wrap in practice, slot = {@code index & (size - 1)}. A producer:
 * <ol>
 *   <li>reserves {@code k} slots: SP reads its own tail (plain); MP CASes the producer head;</li>
 *   <li>checks free space against the consumer tail, read with acquire so that consumers' reads
 *       of the slots it is about to overwrite happen-before its writes. A cached copy of that
 *       tail, kept on the producer's own cache line, is used first and refreshed only when it
 *       shows too little room or the caller asks for the free space (JCTools' "producer
 *       limit"). MP producers share the cache, so they read it with acquire and write it with
 *       release, carrying the consumers' happens-before edge from one producer to another;</li>
 *   <li>copies the elements into the slots (plain stores);</li>
 *   <li>MP only: waits until the producer tail reaches its reserved head (earlier reservations
 *       publish first), reading it with acquire so that their slot writes are carried along;</li>
 *   <li>publishes with a release store of the producer tail: the slot writes are visible to
 *       any consumer that reads the new tail with acquire.</li>
 * </ol>
 * Consumers do the mirror image (with a cached producer tail). Producer and consumer fields sit
 * on separate, padded cache lines.
 *
 * <p>An MP/MC thread preempted between its reservation and its publication holds up the other
 * threads of its side (as in DPDK): they spin, and yield after a while. Pin such threads.
 *
 * @param <E> the element type
 */
public final class Ring<E> extends RingPad2 {

    /** Largest size: 2^30 slots. */
    public static final int MAX_SIZE = 1 << 30;

    /** Spins on another thread's tail before falling back to {@link Thread#yield()}. */
    private static final int SPINS_BEFORE_YIELD = 1 << 10;

    private static final VarHandle PRODUCER_HEAD;
    private static final VarHandle PRODUCER_TAIL;
    private static final VarHandle CONSUMER_TAIL_CACHE;
    private static final VarHandle CONSUMER_HEAD;
    private static final VarHandle CONSUMER_TAIL;
    private static final VarHandle PRODUCER_TAIL_CACHE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_HEAD = lookup.findVarHandle(RingProducerIndices.class, "producerHead", long.class);
            PRODUCER_TAIL = lookup.findVarHandle(RingProducerIndices.class, "producerTail", long.class);
            CONSUMER_TAIL_CACHE = lookup.findVarHandle(RingProducerIndices.class, "consumerTailCache", long.class);
            CONSUMER_HEAD = lookup.findVarHandle(RingConsumerIndices.class, "consumerHead", long.class);
            CONSUMER_TAIL = lookup.findVarHandle(RingConsumerIndices.class, "consumerTail", long.class);
            PRODUCER_TAIL_CACHE = lookup.findVarHandle(RingConsumerIndices.class, "producerTailCache", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Read-only after construction: shared freely by both sides.
    private final Object[] buffer;
    private final int mask;
    private final int capacity;
    private final boolean multiProducer;
    private final boolean multiConsumer;
    private final String name;

    private Ring(String name, Object[] buffer, SyncMode producers, SyncMode consumers, long startIndex) {
        final int size = buffer.length;
        this.name = name;
        this.buffer = buffer;
        this.mask = size - 1;
        this.capacity = size;
        this.multiProducer = producers == SyncMode.MULTI;
        this.multiConsumer = consumers == SyncMode.MULTI;
        producerHead = producerTail = consumerTailCache = startIndex;
        consumerHead = consumerTail = producerTailCache = startIndex;
        VarHandle.releaseFence(); // final-field semantics also for the index fields
    }

    /**
     * Creates an empty ring.
     *
     * @param name      a name for logs and statistics
     * @param size      number of slots: a power of two, 2 to 2^30; all are usable
     * @param producers {@link SyncMode#SINGLE} if at most one thread enqueues at a time
     * @param consumers {@link SyncMode#SINGLE} if at most one thread dequeues at a time
     * @throws IllegalArgumentException if the size is not a power of two in range
     */
    public static <E> Ring<E> create(String name, int size, SyncMode producers, SyncMode consumers) {
        return create(name, size, producers, consumers, null, 0L);
    }

    /**
     * Creates an empty ring whose slots are an {@code elementType[]}: use it when the callers'
     * burst arrays are {@code elementType[]} too (an {@code Mbuf[]} for a ring of mbufs). A burst
     * then moves between arrays of one type, which {@code System.arraycopy} does without checking
     * each element; with the untyped ring, a dequeue into an {@code Mbuf[]} checks every element's
     * class (measured: about twice the time of a 32-element burst in and out).
     *
     * @param elementType the class of the elements (not a primitive type)
     * @throws IllegalArgumentException if the size is not a power of two in range, or the type is primitive
     * @see #create(String, int, SyncMode, SyncMode)
     */
    public static <E> Ring<E> create(String name, int size, SyncMode producers, SyncMode consumers,
                                     Class<E> elementType) {
        Objects.requireNonNull(elementType, "elementType");
        return create(name, size, producers, consumers, elementType, 0L);
    }

    /** The factory, with all indices starting at {@code startIndex} (tests: index overflow). */
    static <E> Ring<E> create(String name, int size, SyncMode producers, SyncMode consumers,
                              Class<E> elementType, long startIndex) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(producers, "producers");
        Objects.requireNonNull(consumers, "consumers");
        checkSize(size);
        Object[] buffer;
        if (elementType == null) {
            buffer = new Object[size];
        } else if (elementType.isPrimitive()) {
            throw new IllegalArgumentException("ring element type " + elementType + " is primitive (use its wrapper class)");
        } else {
            buffer = (Object[]) Array.newInstance(elementType, size);
        }
        return new Ring<>(name, buffer, producers, consumers, startIndex);
    }

    private static void checkSize(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("ring size " + size + " is too small (minimum 2)");
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("ring size " + size + " is too large (maximum " + MAX_SIZE + " = 2^30)");
        }
        if ((size & (size - 1)) != 0) {
            throw new IllegalArgumentException("ring size " + size + " is not a power of two (try "
                    + (Integer.highestOneBit(size) << 1) + ")");
        }
    }

    // ------------------------------------------------------------------ state

    public String name() {
        return name;
    }

    /** Number of usable slots, equal to the size given at creation. */
    public int capacity() {
        return capacity;
    }

    public SyncMode producerMode() {
        return multiProducer ? SyncMode.MULTI : SyncMode.SINGLE;
    }

    public SyncMode consumerMode() {
        return multiConsumer ? SyncMode.MULTI : SyncMode.SINGLE;
    }

    /** Entries published and not yet released by consumers: a snapshot, exact when the ring is quiet. */
    public int count() {
        // Consumer tail first: the producer tail read after it can only be larger.
        long consumed = (long) CONSUMER_TAIL.getAcquire(this);
        long produced = (long) PRODUCER_TAIL.getAcquire(this);
        long count = produced - consumed;
        return count <= 0 ? 0 : count >= capacity ? capacity : (int) count;
    }

    /** {@code capacity() - count()}: a snapshot. */
    public int freeCount() {
        return capacity - count();
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    public boolean isFull() {
        return count() == capacity;
    }

    @Override
    public String toString() {
        return "Ring[" + name + ", size " + capacity + ", " + (multiProducer ? "MP" : "SP") + "/"
                + (multiConsumer ? "MC" : "SC") + ", count " + count() + "]";
    }

    // ------------------------------------------------------------------ enqueue

    /** Enqueues all {@code n} elements of {@code src[offset..offset+n)} or none; returns {@code n} or 0. */
    public int enqueueBulk(E[] src, int offset, int n) {
        Objects.checkFromIndexSize(offset, n, src.length);
        return multiProducer ? mpEnqueue(src, offset, n, true, null) : spEnqueue(src, offset, n, true, null);
    }

    /** As {@link #enqueueBulk(Object[], int, int)}; {@code freeSpace[0]} (if not null) receives the free space left. */
    public int enqueueBulk(E[] src, int offset, int n, int[] freeSpace) {
        Objects.checkFromIndexSize(offset, n, src.length);
        checkOutput(freeSpace);
        return multiProducer ? mpEnqueue(src, offset, n, true, freeSpace) : spEnqueue(src, offset, n, true, freeSpace);
    }

    /** Enqueues as many of {@code src[offset..offset+n)} as fit, in order; returns how many (0..n). */
    public int enqueueBurst(E[] src, int offset, int n) {
        Objects.checkFromIndexSize(offset, n, src.length);
        return multiProducer ? mpEnqueue(src, offset, n, false, null) : spEnqueue(src, offset, n, false, null);
    }

    /** As {@link #enqueueBurst(Object[], int, int)}; {@code freeSpace[0]} (if not null) receives the free space left. */
    public int enqueueBurst(E[] src, int offset, int n, int[] freeSpace) {
        Objects.checkFromIndexSize(offset, n, src.length);
        checkOutput(freeSpace);
        return multiProducer ? mpEnqueue(src, offset, n, false, freeSpace) : spEnqueue(src, offset, n, false, freeSpace);
    }

    /** Enqueues one element if there is room. */
    public boolean offer(E e) {
        Objects.requireNonNull(e, "e");
        return multiProducer ? mpOffer(e) : spOffer(e);
    }

    private int spEnqueue(Object[] src, int offset, int n, boolean bulk, int[] freeSpace) {
        final long head = producerTail; // plain: this thread is the only writer
        long free = capacity + consumerTailCache - head;
        if (free < n || freeSpace != null) {
            long consumed = (long) CONSUMER_TAIL.getAcquire(this); // acquire: consumers' slot reads before our writes
            consumerTailCache = consumed;
            free = capacity + consumed - head;
        }
        int k = free >= n ? n : bulk ? 0 : (int) free;
        if (k != 0) {
            copyIn(src, offset, head, k);
            PRODUCER_TAIL.setRelease(this, head + k); // release: slot writes before the new tail
        }
        if (freeSpace != null) {
            freeSpace[0] = (int) (free - k);
        }
        return k;
    }

    private int mpEnqueue(Object[] src, int offset, int n, boolean bulk, int[] freeSpace) {
        long head;
        long free;
        int k;
        do {
            head = (long) PRODUCER_HEAD.getAcquire(this);
            // Cache read with acquire: another producer's acquire of the consumer tail is carried over.
            free = capacity + (long) CONSUMER_TAIL_CACHE.getAcquire(this) - head;
            if (free < n || freeSpace != null) {
                long consumed = (long) CONSUMER_TAIL.getAcquire(this);
                CONSUMER_TAIL_CACHE.setRelease(this, consumed);
                free = capacity + consumed - head;
            }
            k = free >= n ? n : bulk || free <= 0 ? 0 : (int) free;
            if (k == 0) {
                if (freeSpace != null) {
                    freeSpace[0] = (int) Math.max(0, free);
                }
                return 0;
            }
        } while (!PRODUCER_HEAD.compareAndSet(this, head, head + k)); // reserves [head, head + k)
        try {
            copyIn(src, offset, head, k);
        } catch (RuntimeException e) { // ArrayStoreException: a typed ring given a polluted array
            publishEmptySlots(head, k);
            throw e;
        }
        awaitProducerTail(head);
        PRODUCER_TAIL.setRelease(this, head + k);
        if (freeSpace != null) {
            freeSpace[0] = (int) (free - k);
        }
        return k;
    }

    private boolean spOffer(Object e) {
        final long head = producerTail;
        if (head - consumerTailCache >= capacity) {
            long consumed = (long) CONSUMER_TAIL.getAcquire(this);
            consumerTailCache = consumed;
            if (head - consumed >= capacity) {
                return false;
            }
        }
        buffer[(int) head & mask] = e;
        PRODUCER_TAIL.setRelease(this, head + 1);
        return true;
    }

    private boolean mpOffer(Object e) {
        long head;
        do {
            head = (long) PRODUCER_HEAD.getAcquire(this);
            if (head - (long) CONSUMER_TAIL_CACHE.getAcquire(this) >= capacity) {
                long consumed = (long) CONSUMER_TAIL.getAcquire(this);
                CONSUMER_TAIL_CACHE.setRelease(this, consumed);
                if (head - consumed >= capacity) {
                    return false;
                }
            }
        } while (!PRODUCER_HEAD.compareAndSet(this, head, head + 1));
        try {
            buffer[(int) head & mask] = e;
        } catch (RuntimeException x) {
            publishEmptySlots(head, 1);
            throw x;
        }
        awaitProducerTail(head);
        PRODUCER_TAIL.setRelease(this, head + 1);
        return true;
    }

    /**
     * MP, after a failed copy: the reservation cannot be given back (later producers may hold the
     * next ones), so it is published as nulls rather than as stale elements.
     */
    private void publishEmptySlots(long head, int k) {
        for (int i = 0; i < k; i++) {
            buffer[(int) (head + i) & mask] = null;
        }
        awaitProducerTail(head);
        PRODUCER_TAIL.setRelease(this, head + k);
    }

    /** MP: earlier reservations publish first. Acquire, so that their slot writes travel with our release. */
    private void awaitProducerTail(long head) {
        int spins = 0;
        while ((long) PRODUCER_TAIL.getAcquire(this) != head) {
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    // ------------------------------------------------------------------ dequeue

    /** Dequeues exactly {@code n} elements into {@code dst[offset..offset+n)} or none; returns {@code n} or 0. */
    public int dequeueBulk(E[] dst, int offset, int n) {
        Objects.checkFromIndexSize(offset, n, dst.length);
        return multiConsumer ? mcDequeue(dst, offset, n, true, null) : scDequeue(dst, offset, n, true, null);
    }

    /** As {@link #dequeueBulk(Object[], int, int)}; {@code available[0]} (if not null) receives the entries left. */
    public int dequeueBulk(E[] dst, int offset, int n, int[] available) {
        Objects.checkFromIndexSize(offset, n, dst.length);
        checkOutput(available);
        return multiConsumer ? mcDequeue(dst, offset, n, true, available) : scDequeue(dst, offset, n, true, available);
    }

    /** Dequeues up to {@code n} elements into {@code dst[offset..)}, in order; returns how many (0..n). */
    public int dequeueBurst(E[] dst, int offset, int n) {
        Objects.checkFromIndexSize(offset, n, dst.length);
        return multiConsumer ? mcDequeue(dst, offset, n, false, null) : scDequeue(dst, offset, n, false, null);
    }

    /** As {@link #dequeueBurst(Object[], int, int)}; {@code available[0]} (if not null) receives the entries left. */
    public int dequeueBurst(E[] dst, int offset, int n, int[] available) {
        Objects.checkFromIndexSize(offset, n, dst.length);
        checkOutput(available);
        return multiConsumer ? mcDequeue(dst, offset, n, false, available) : scDequeue(dst, offset, n, false, available);
    }

    /** Dequeues one element, or returns null if the ring is empty. */
    @SuppressWarnings("unchecked")
    public E poll() {
        return (E) (multiConsumer ? mcPoll() : scPoll());
    }

    private int scDequeue(Object[] dst, int offset, int n, boolean bulk, int[] available) {
        final long head = consumerTail; // plain: this thread is the only writer
        long entries = producerTailCache - head;
        if (entries < n || available != null) {
            long produced = (long) PRODUCER_TAIL.getAcquire(this); // acquire: producers' slot writes before our reads
            producerTailCache = produced;
            entries = produced - head;
        }
        int k = entries >= n ? n : bulk ? 0 : (int) entries;
        if (k != 0) {
            copyOut(dst, offset, head, k);
            CONSUMER_TAIL.setRelease(this, head + k); // release: slot reads done before producers may reuse them
        }
        if (available != null) {
            available[0] = (int) (entries - k);
        }
        return k;
    }

    private int mcDequeue(Object[] dst, int offset, int n, boolean bulk, int[] available) {
        long head;
        long entries;
        int k;
        do {
            head = (long) CONSUMER_HEAD.getAcquire(this);
            // Cache read with acquire: another consumer's acquire of the producer tail is carried over.
            entries = (long) PRODUCER_TAIL_CACHE.getAcquire(this) - head;
            if (entries < n || available != null) {
                long produced = (long) PRODUCER_TAIL.getAcquire(this);
                PRODUCER_TAIL_CACHE.setRelease(this, produced);
                entries = produced - head;
            }
            k = entries >= n ? n : bulk || entries <= 0 ? 0 : (int) entries;
            if (k == 0) {
                if (available != null) {
                    available[0] = (int) Math.max(0, entries);
                }
                return 0;
            }
        } while (!CONSUMER_HEAD.compareAndSet(this, head, head + k)); // reserves [head, head + k)
        try {
            copyOut(dst, offset, head, k);
        } catch (RuntimeException e) { // ArrayStoreException: dst cannot hold an element
            awaitConsumerTail(head); // never leave a reservation unreleased: the other consumers wait on it
            CONSUMER_TAIL.setRelease(this, head + k);
            throw e;
        }
        awaitConsumerTail(head);
        CONSUMER_TAIL.setRelease(this, head + k);
        if (available != null) {
            available[0] = (int) (entries - k);
        }
        return k;
    }

    private Object scPoll() {
        final long head = consumerTail;
        if (producerTailCache == head) {
            long produced = (long) PRODUCER_TAIL.getAcquire(this);
            producerTailCache = produced;
            if (produced == head) {
                return null;
            }
        }
        Object e = buffer[(int) head & mask];
        CONSUMER_TAIL.setRelease(this, head + 1);
        return e;
    }

    private Object mcPoll() {
        long head;
        do {
            head = (long) CONSUMER_HEAD.getAcquire(this);
            if ((long) PRODUCER_TAIL_CACHE.getAcquire(this) - head <= 0) {
                long produced = (long) PRODUCER_TAIL.getAcquire(this);
                PRODUCER_TAIL_CACHE.setRelease(this, produced);
                if (produced - head <= 0) {
                    return null;
                }
            }
        } while (!CONSUMER_HEAD.compareAndSet(this, head, head + 1));
        Object e = buffer[(int) head & mask];
        awaitConsumerTail(head);
        CONSUMER_TAIL.setRelease(this, head + 1);
        return e;
    }

    /** MC: earlier reservations release their slots first. */
    private void awaitConsumerTail(long head) {
        int spins = 0;
        while ((long) CONSUMER_TAIL.getAcquire(this) != head) {
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    // ------------------------------------------------------------------ slots

    /**
     * Copies {@code k} elements into the slots from index {@code head}: two contiguous runs across
     * the wrap. One element is stored directly: an arraycopy call costs more than the store (measured).
     */
    private void copyIn(Object[] src, int offset, long head, int k) {
        final Object[] buffer = this.buffer;
        final int slot = (int) head & mask;
        if (k == 1) {
            buffer[slot] = src[offset];
            return;
        }
        final int first = Math.min(k, capacity - slot);
        System.arraycopy(src, offset, buffer, slot, first);
        if (first < k) {
            System.arraycopy(src, offset + first, buffer, 0, k - first);
        }
    }

    private void copyOut(Object[] dst, int offset, long head, int k) {
        final Object[] buffer = this.buffer;
        final int slot = (int) head & mask;
        if (k == 1) {
            dst[offset] = buffer[slot];
            return;
        }
        final int first = Math.min(k, capacity - slot);
        System.arraycopy(buffer, slot, dst, offset, first);
        if (first < k) {
            System.arraycopy(buffer, 0, dst, offset + first, k - first);
        }
    }

    private static void checkOutput(int[] out) {
        if (out != null && out.length == 0) {
            throw new IllegalArgumentException("output array has length 0: element [0] receives the result");
        }
    }
}
