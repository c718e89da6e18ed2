package io.wirespeed.mbuf;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A packet buffer: metadata on the heap, the bytes off-heap in its pool's memory zone.
 *
 * <p>The buffer is {@code headroom + dataRoom} bytes; the packet's bytes of this segment start at
 * {@link #dataOffset()} and run for {@link #dataLength()}. A packet larger than one buffer is a
 * chain of segments linked by {@link #next()}; the first segment holds the packet length and the
 * segment count.
 *
 * <p>An mbuf belongs to one lcore at a time (the one that took it from the pool or a ring), so its
 * metadata is read and written with plain accesses; the ring that hands it to another lcore
 * publishes those writes. Only the reference count, which clones share, is atomic.
 *
 * <p>A clone is an <em>indirect</em> mbuf: it has metadata of its own but uses the buffer of a
 * <em>direct</em> mbuf, whose reference count keeps that buffer out of the pool until the last
 * user frees it.
 */
public final class Mbuf {
    /** Port value of an mbuf that came from no port (DPDK's RTE_MBUF_PORT_INVALID). */
    public static final int NO_PORT = 0xffff;
    /** The longest chain {@link #chain} builds. */
    public static final int MAX_SEGMENTS = 0xffff;

    private static final VarHandle REFCNT;

    static {
        try {
            REFCNT = MethodHandles.lookup().findVarHandle(Mbuf.class, "refcnt", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Mempool pool;
    private final int index;
    private final MemorySegment ownBuffer;
    /** Where data starts in the own buffer after a reset: the pool's headroom, computed once. */
    private final int ownDataOffset;

    /** The buffer in use: this mbuf's own, or the direct mbuf's while attached. */
    private MemorySegment buffer;
    /** The direct mbuf whose buffer this one uses, or null. */
    private Mbuf attachedTo;
    @SuppressWarnings("unused") // through REFCNT
    private int refcnt;

    private int dataOffset;
    private int dataLength;
    private int packetLength;
    private int segments;
    private Mbuf next;
    private int port;
    private long offloadFlags;
    private int packetType;
    private int rssHash;
    private short vlanTci;
    private short vlanTciOuter;
    private long timestamp;
    private long userData;
    private int flowMark;
    private int l2Length;
    private int l3Length;
    private int l4Length;

    Mbuf(Mempool pool, int index, MemorySegment ownBuffer) {
        this.pool = pool;
        this.index = index;
        this.ownBuffer = ownBuffer;
        this.ownDataOffset = Math.min(pool.headroom(), (int) ownBuffer.byteSize());
        this.buffer = ownBuffer;
        this.refcnt = 1;
        this.segments = 1;
        this.port = NO_PORT;
    }

    /** Back to the state of a fresh allocation (DPDK's rte_pktmbuf_reset). */
    void reset() {
        next = null;
        packetLength = 0;
        dataLength = 0;
        segments = 1;
        dataOffset = buffer == ownBuffer ? ownDataOffset : Math.min(pool.headroom(), (int) buffer.byteSize());
        port = NO_PORT;
        offloadFlags = 0;
        packetType = 0;
        rssHash = 0;
        vlanTci = 0;
        vlanTciOuter = 0;
        timestamp = 0;
        userData = 0;
        flowMark = 0;
        l2Length = 0;
        l3Length = 0;
        l4Length = 0;
    }

    // ---- identity and buffer -------------------------------------------------------------

    public Mempool pool() {
        return pool;
    }

    /** This mbuf's position in its pool, stable for the pool's life. */
    public int index() {
        return index;
    }

    /** The whole buffer in use (headroom included): read and write packet bytes through it. */
    public MemorySegment buffer() {
        return buffer;
    }

    public int bufferLength() {
        return (int) buffer.byteSize();
    }

    /** Native address of the first packet byte of this segment, for drivers that hand it to the kernel. */
    public long dataAddress() {
        return buffer.address() + dataOffset;
    }

    public boolean isIndirect() {
        return attachedTo != null;
    }

    public int refCount() {
        return (int) REFCNT.getAcquire(this);
    }

    /** Adds {@code delta} to the reference count and returns the new count. */
    public int updateRefCount(int delta) {
        return (int) REFCNT.getAndAdd(this, delta) + delta;
    }

    // ---- metadata ------------------------------------------------------------------------

    public int dataOffset() {
        return dataOffset;
    }

    public void dataOffset(int offset) {
        this.dataOffset = offset;
    }

    /** Bytes of packet data in this segment. */
    public int dataLength() {
        return dataLength;
    }

    public void dataLength(int length) {
        this.dataLength = length;
    }

    /** Bytes of the whole packet (meaningful on the first segment). */
    public int packetLength() {
        return packetLength;
    }

    public void packetLength(int length) {
        this.packetLength = length;
    }

    /** Sets data and packet length of a one-segment packet. */
    public void length(int length) {
        this.dataLength = length;
        this.packetLength = length;
    }

    public int segmentCount() {
        return segments;
    }

    public Mbuf next() {
        return next;
    }

    public Mbuf lastSegment() {
        Mbuf m = this;
        while (m.next != null) {
            m = m.next;
        }
        return m;
    }

    public int port() {
        return port;
    }

    public void port(int port) {
        this.port = port;
    }

    public long offloadFlags() {
        return offloadFlags;
    }

    public void offloadFlags(long flags) {
        this.offloadFlags = flags;
    }

    public int packetType() {
        return packetType;
    }

    public void packetType(int type) {
        this.packetType = type;
    }

    public int rssHash() {
        return rssHash;
    }

    public void rssHash(int hash) {
        this.rssHash = hash;
    }

    public int vlanTci() {
        return vlanTci & 0xffff;
    }

    public void vlanTci(int tci) {
        this.vlanTci = (short) tci;
    }

    public int vlanTciOuter() {
        return vlanTciOuter & 0xffff;
    }

    public void vlanTciOuter(int tci) {
        this.vlanTciOuter = (short) tci;
    }

    /** Receive time stamp in nanoseconds (driver-defined clock), 0 when none. */
    public long timestamp() {
        return timestamp;
    }

    public void timestamp(long nanos) {
        this.timestamp = nanos;
    }

    /** Free for the application (DPDK's udata64 / dynfield): e.g. a flow rule's MARK. */
    public long userData() {
        return userData;
    }

    public void userData(long value) {
        this.userData = value;
    }

    /** The MARK a flow rule set (DPDK's hash.fdir.hi); valid when {@link OffloadFlags#RX_FDIR_ID} is set. */
    public int flowMark() {
        return flowMark;
    }

    public void flowMark(int mark) {
        this.flowMark = mark;
    }

    /**
     * Header lengths found by packet-type parsing (DPDK's l2_len/l3_len/l4_len): L2 includes any
     * VLAN tags, L3 any IPv4 options or IPv6 extension headers, L4 any TCP options.
     */
    public int l2Length() {
        return l2Length;
    }

    public void l2Length(int length) {
        this.l2Length = length;
    }

    public int l3Length() {
        return l3Length;
    }

    public void l3Length(int length) {
        this.l3Length = length;
    }

    public int l4Length() {
        return l4Length;
    }

    public void l4Length(int length) {
        this.l4Length = length;
    }

    public int headroom() {
        return dataOffset;
    }

    /** Free bytes after this segment's data. */
    public int tailroom() {
        return (int) buffer.byteSize() - dataOffset - dataLength;
    }

    // ---- data operations (DPDK's rte_pktmbuf_prepend/append/adj/trim) --------------------------

    /**
     * Grows the packet at its start by {@code length} bytes taken from the headroom. Returns the
     * new data offset (where the caller writes the new bytes), or -1 when the headroom is too small.
     */
    public int prepend(int length) {
        if (length < 0 || length > dataOffset) {
            return -1;
        }
        dataOffset -= length;
        dataLength += length;
        packetLength += length;
        return dataOffset;
    }

    /**
     * Grows the packet at its end by {@code length} bytes of the last segment's tailroom. Returns the
     * buffer offset of the new bytes in {@link #lastSegment()}, or -1 when the tailroom is too small.
     */
    public int append(int length) {
        Mbuf last = lastSegment();
        if (length < 0 || length > last.tailroom()) {
            return -1;
        }
        int at = last.dataOffset + last.dataLength;
        last.dataLength += length;
        packetLength += length;
        return at;
    }

    /**
     * Removes {@code length} bytes from the start of the first segment. Returns the new data offset,
     * or -1 when the first segment holds fewer bytes.
     */
    public int adj(int length) {
        if (length < 0 || length > dataLength) {
            return -1;
        }
        dataOffset += length;
        dataLength -= length;
        packetLength -= length;
        return dataOffset;
    }

    /** Removes {@code length} bytes from the end of the last segment; false when it holds fewer. */
    public boolean trim(int length) {
        Mbuf last = lastSegment();
        if (length < 0 || length > last.dataLength) {
            return false;
        }
        last.dataLength -= length;
        packetLength -= length;
        return true;
    }

    /** True when the whole packet is in this one segment. */
    public boolean isContiguous() {
        return segments == 1;
    }

    // ---- chains -----------------------------------------------------------------------------

    /**
     * Appends the packet {@code tail} to this one (DPDK's rte_pktmbuf_chain). Returns false, and
     * changes nothing, when the chain would exceed {@link #MAX_SEGMENTS}.
     */
    public boolean chain(Mbuf tail) {
        if (segments + tail.segments > MAX_SEGMENTS) {
            return false;
        }
        lastSegment().next = tail;
        segments += tail.segments;
        packetLength += tail.packetLength;
        tail.packetLength = tail.dataLength;
        tail.segments = 1;
        return true;
    }

    /**
     * Moves a chained packet's bytes into this first segment and frees the others. Returns false,
     * changing nothing, when the first buffer has no room for the whole packet or is shared.
     */
    public boolean linearize() {
        if (segments == 1) {
            return true;
        }
        if (packetLength > tailroom() + dataLength || isIndirect() || refCount() > 1) {
            return false;
        }
        int at = dataOffset + dataLength;
        Mbuf seg = next;
        while (seg != null) {
            MemorySegment.copy(seg.buffer, seg.dataOffset, buffer, at, seg.dataLength);
            at += seg.dataLength;
            seg = seg.next;
        }
        Mbuf rest = next;
        next = null;
        dataLength = packetLength;
        segments = 1;
        rest.free();
        return true;
    }

    // ---- clone and copy -----------------------------------------------------------------------

    /**
     * A new packet that shares this packet's buffers (DPDK's rte_pktmbuf_clone): every segment
     * gets an indirect mbuf from {@code from}. Returns null when {@code from} runs out, having
     * allocated nothing.
     */
    public Mbuf cloneInto(Mempool from) {
        Mbuf head = null;
        Mbuf tail = null;
        for (Mbuf seg = this; seg != null; seg = seg.next) {
            Mbuf c = from.alloc();
            if (c == null) {
                if (head != null) {
                    head.free();
                }
                return null;
            }
            c.attach(seg);
            if (head == null) {
                head = c;
            } else {
                tail.next = c;
            }
            tail = c;
        }
        head.segments = segments;
        head.packetLength = packetLength;
        head.copyMetadataFrom(this);
        return head;
    }

    /** Makes this (fresh) mbuf an indirect view of {@code seg}'s buffer and data. */
    private void attach(Mbuf seg) {
        Mbuf direct = seg.attachedTo != null ? seg.attachedTo : seg;
        direct.updateRefCount(1);
        attachedTo = direct;
        buffer = direct.buffer;
        dataOffset = seg.dataOffset;
        dataLength = seg.dataLength;
        packetLength = seg.dataLength;
    }

    /** Back to its own buffer; releases the direct mbuf when this was its last user. */
    private void detach() {
        Mbuf direct = attachedTo;
        attachedTo = null;
        buffer = ownBuffer;
        dataOffset = Math.min(pool.headroom(), (int) ownBuffer.byteSize());
        dataLength = 0;
        if (direct.updateRefCount(-1) == 0) {
            direct.refcnt = 1; // plain: nobody else references it any more
            direct.next = null;
            direct.segments = 1;
            direct.pool.put(direct);
        }
    }

    /**
     * A deep copy of {@code length} bytes from packet offset {@code offset} (DPDK's rte_pktmbuf_copy)
     * into as many mbufs of {@code into} as it takes. Returns null when the pool runs out or the
     * range lies outside the packet; nothing is leaked either way.
     */
    public Mbuf copy(Mempool into, int offset, int length) {
        if (offset < 0 || length < 0 || offset > packetLength || length > packetLength - offset) {
            return null;
        }
        Mbuf head = into.alloc();
        if (head == null) {
            return null;
        }
        head.copyMetadataFrom(this);
        Mbuf src = this;
        int srcOff = offset;
        while (src != null && srcOff >= src.dataLength) {
            srcOff -= src.dataLength;
            src = src.next;
        }
        Mbuf dst = head;
        int left = length;
        while (left > 0) {
            if (dst.tailroom() == 0) {
                Mbuf more = into.alloc();
                if (more == null) {
                    head.free();
                    return null;
                }
                dst.next = more;
                dst = more;
                head.segments++;
            }
            int n = Math.min(Math.min(left, dst.tailroom()), src.dataLength - srcOff);
            MemorySegment.copy(src.buffer, src.dataOffset + srcOff, dst.buffer, dst.dataOffset + dst.dataLength, n);
            dst.dataLength += n;
            head.packetLength += n;
            left -= n;
            srcOff += n;
            if (srcOff == src.dataLength) {
                src = src.next;
                srcOff = 0;
            }
        }
        return head;
    }

    private void copyMetadataFrom(Mbuf m) {
        port = m.port;
        offloadFlags = m.offloadFlags;
        packetType = m.packetType;
        rssHash = m.rssHash;
        vlanTci = m.vlanTci;
        vlanTciOuter = m.vlanTciOuter;
        timestamp = m.timestamp;
        userData = m.userData;
        flowMark = m.flowMark;
        l2Length = m.l2Length;
        l3Length = m.l3Length;
        l4Length = m.l4Length;
    }

    // ---- freeing ------------------------------------------------------------------------------

    /** Returns every segment of this packet to its pool (or drops a reference to shared ones). */
    public void free() {
        Mbuf seg = this;
        while (seg != null) {
            Mbuf nextSeg = seg.next;
            Mbuf done = seg.prefree();
            if (done != null) {
                done.pool.put(done);
            }
            seg = nextSeg;
        }
    }

    /**
     * Frees {@code n} packets. One-segment direct mbufs with no other reference, the common case,
     * go back to their pool a burst at a time.
     */
    public static void freeBulk(Mbuf[] mbufs, int offset, int n) {
        Mempool pool = null;
        int runStart = offset;
        int runLength = 0;
        for (int i = offset; i < offset + n; i++) {
            Mbuf m = mbufs[i];
            if (m.isSoleDirectSegment()) {
                if (runLength > 0 && m.pool != pool) {
                    pool.putBulk(mbufs, runStart, runLength);
                    runLength = 0;
                }
                if (runLength == 0) {
                    runStart = i;
                    pool = m.pool;
                }
                runLength++;
            } else {
                if (runLength > 0) {
                    pool.putBulk(mbufs, runStart, runLength);
                    runLength = 0;
                }
                m.free();
            }
        }
        if (runLength > 0) {
            pool.putBulk(mbufs, runStart, runLength);
        }
    }

    /** One segment, its own buffer, no clone holding it: can go straight back to the pool. */
    private boolean isSoleDirectSegment() {
        return next == null && attachedTo == null && (int) REFCNT.getOpaque(this) == 1;
    }

    /**
     * Drops this segment's reference (DPDK's rte_pktmbuf_prefree_seg). Returns the mbuf when it
     * should go back to its pool, null when others still use it.
     */
    private Mbuf prefree() {
        // Plain read first: a buffer nobody else holds needs no atomic (refcnt is only raised by
        // its owner when cloning, so a count of 1 seen by the owner is stable).
        if ((int) REFCNT.getOpaque(this) != 1 && updateRefCount(-1) != 0) {
            return null;
        }
        REFCNT.setOpaque(this, 1);
        if (attachedTo != null) {
            detach();
        }
        next = null;
        segments = 1;
        return this;
    }

    // ---- convenience for tests, tools and slow paths -----------------------------------------------

    /** Copies {@code bytes} into this mbuf as its whole packet; false when the segment has no room. */
    public boolean write(byte[] bytes) {
        if (next != null || bytes.length > (int) buffer.byteSize() - dataOffset) {
            return false;
        }
        MemorySegment.copy(bytes, 0, buffer, JAVA_BYTE, dataOffset, bytes.length);
        length(bytes.length);
        return true;
    }

    /** The packet's bytes, all segments, as a new array (allocates: not for the data path). */
    public byte[] toByteArray() {
        byte[] out = new byte[packetLength];
        int at = 0;
        for (Mbuf seg = this; seg != null; seg = seg.next) {
            int n = Math.min(seg.dataLength, out.length - at);
            MemorySegment.copy(seg.buffer, JAVA_BYTE, seg.dataOffset, out, at, n);
            at += n;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Mbuf[" + pool.name() + "#" + index + ", off=" + dataOffset + ", len=" + dataLength + "/" + packetLength
                + ", segs=" + segments + (attachedTo != null ? ", indirect" : "") + "]";
    }
}
