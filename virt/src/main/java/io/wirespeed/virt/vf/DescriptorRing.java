package io.wirespeed.virt.vf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One descriptor ring of a VF queue, as it lies in the guest's memory: the layout the guest's
 * driver and the NIC agree on, like an Intel 82599 ring (descriptors with a done bit written back
 * by the device, a tail doorbell written by the driver).
 *
 * <pre>
 *   +0    tail      int  driver -> device: the device may use slots [head, tail)
 *   +64   head      int  device -> driver: the next slot the device will use (for reclaim after a fault)
 *   +128  irq mask  int  driver: 1 while the queue's interrupt is masked (poll mode)
 *   +192  descriptors, 16 bytes each:
 *         +0 long  buffer address: an offset into the guest's memory zone
 *         +8 short length: on a posted RX slot the buffer's room, after write-back the frame's length
 *         +10 short VLAN TCI (stripped on receive, to insert on transmit)
 *         +12 int  status: DD (done) and flags, written last with release order
 * </pre>
 *
 * Each index sits on its own cache line, so the driver's and the device's stores do not share
 * one. Descriptor fields other than the status are plain: the status store (release) publishes
 * them and the status load (acquire) makes them visible. Not thread-safe by itself: each side
 * keeps its own position and touches only the fields the protocol gives it.
 */
public final class DescriptorRing {
    /** The device has written the descriptor back (RX: a frame is in the buffer; TX: the frame was read). */
    public static final int DD = 1;
    /** The last descriptor of a frame. */
    public static final int EOP = 1 << 1;
    /** RX: a VLAN tag was stripped into the VLAN field. TX: insert the VLAN field as a tag. */
    public static final int VLAN = 1 << 2;

    static final long TAIL = 0;
    static final long HEAD = 64;
    static final long IRQ_MASK = 128;
    static final long DESCRIPTORS = 192;
    static final int DESCRIPTOR_BYTES = 16;
    private static final long ADDRESS = 0;
    private static final long LENGTH = 8;
    private static final long TCI = 10;
    private static final long STATUS = 12;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT;

    private final MemorySegment memory;
    private final int size;

    /** A view of the ring of {@code size} slots (a power of two) at the start of {@code memory}. */
    public DescriptorRing(MemorySegment memory, int size) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("a VF ring needs a power-of-two size >= 2 (got " + size + ")");
        }
        if (memory.byteSize() < bytes(size)) {
            throw new IllegalArgumentException("a VF ring of " + size + " slots needs " + bytes(size) + " bytes");
        }
        this.memory = memory;
        this.size = size;
    }

    /** Bytes a ring of {@code size} slots occupies. */
    public static long bytes(int size) {
        return DESCRIPTORS + (long) size * DESCRIPTOR_BYTES;
    }

    public int size() {
        return size;
    }

    public int mask() {
        return size - 1;
    }

    // ---- indices -----------------------------------------------------------------------------

    public int tailAcquire() {
        return (int) INT.getAcquire(memory, TAIL);
    }

    /** The doorbell: publishes every descriptor written before it. */
    public void tailRelease(int tail) {
        INT.setRelease(memory, TAIL, tail);
    }

    public int headOpaque() {
        return (int) INT.getOpaque(memory, HEAD);
    }

    public void headOpaque(int head) {
        INT.setOpaque(memory, HEAD, head);
    }

    /**
     * Whether the driver masked the interrupt. Volatile: the device's descriptor stores before
     * this load and the driver's mask store before its ring check form a Dekker pair, so one of the
     * two always sees the other and no frame waits for an interrupt that never comes.
     */
    public boolean interruptMasked() {
        return (int) INT.getVolatile(memory, IRQ_MASK) != 0;
    }

    public void interruptMasked(boolean masked) {
        INT.setVolatile(memory, IRQ_MASK, masked ? 1 : 0);
    }

    // ---- descriptors -------------------------------------------------------------------------

    private static long at(int slot) {
        return DESCRIPTORS + (long) slot * DESCRIPTOR_BYTES;
    }

    public long address(int slot) {
        return memory.get(LONG, at(slot) + ADDRESS);
    }

    public int length(int slot) {
        return Short.toUnsignedInt(memory.get(SHORT, at(slot) + LENGTH));
    }

    public int tci(int slot) {
        return Short.toUnsignedInt(memory.get(SHORT, at(slot) + TCI));
    }

    public int statusAcquire(int slot) {
        return (int) INT.getAcquire(memory, at(slot) + STATUS);
    }

    /** Writes a descriptor's fields; the status last, with release order. */
    public void write(int slot, long address, int length, int tci, int status) {
        long d = at(slot);
        memory.set(LONG, d + ADDRESS, address);
        memory.set(SHORT, d + LENGTH, (short) length);
        memory.set(SHORT, d + TCI, (short) tci);
        INT.setRelease(memory, d + STATUS, status);
    }

    /** The device's write-back: length, TCI, then the status with release order. */
    public void writeBack(int slot, int length, int tci, int status) {
        long d = at(slot);
        memory.set(SHORT, d + LENGTH, (short) length);
        memory.set(SHORT, d + TCI, (short) tci);
        INT.setRelease(memory, d + STATUS, status);
    }

    /** The device's write-back of a consumed TX descriptor: only the done bit. */
    public void complete(int slot) {
        INT.setRelease(memory, at(slot) + STATUS, DD);
    }
}
