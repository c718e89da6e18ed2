package io.wirespeed.driver.afpacket;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Mman;
import io.wirespeed.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One queue pair: an AF_PACKET socket with a TPACKET_V3 receive ring and transmit ring, both
 * mapped into this process, and the cursors the lcores keep in them. The cursors live here, not
 * in the queue objects, so that a queue set up again continues where the kernel is.
 *
 * <p>The mapping belongs to a shared arena: closing the pair unmaps it, and a late access from
 * an lcore then fails with IllegalStateException instead of touching unmapped memory.
 */
final class QueuePair implements AutoCloseable {
    final int index;
    final int fd;
    final RingGeometry geometry;
    /** The receive ring: {@code blockCount} blocks of {@code blockSize} bytes. */
    final MemorySegment rxRing;
    /** The transmit ring: {@code frameCount} slots of {@code frameSize} bytes. */
    final MemorySegment txRing;
    /** True when the kernel lacks PACKET_IGNORE_OUTGOING and receive must drop outgoing frames itself. */
    final boolean filterOutgoing;
    /** True when every frame in both rings is preceded by a struct virtio_net_hdr (PACKET_VNET_HDR). */
    final boolean vnetHeader;
    /** The longest frame a transmit slot holds. */
    final int txSlotCapacity;
    private final String device;
    private final Arena arena;
    private final MemorySegment statistics;

    // ---- receive cursor, owned by the lcore polling the rx queue --------------------------------
    /** The block the next frames come from. */
    int rxBlock;
    /** Frames of the current block not yet taken; 0 when no block is held. */
    int rxRemaining;
    /** Ring offset of the next frame's tpacket3_hdr in the current block. */
    long rxNext;

    // ---- transmit cursor, owned by the lcore using the tx queue ---------------------------------
    /** The slot the next frame goes into. */
    int txHead;
    /** The last kick failed (EAGAIN, ENOBUFS, ...): requested slots may wait; kick again next burst. */
    boolean txKickPending;
    /**
     * Longest frame the kernel will send, from the slot size and the interface's MTU (plus 4 for a
     * VLAN tag): read at start, before the lcores run.
     */
    int txMaxFrame;
    int txMaxUntagged;

    // ---- kernel statistics, read and cleared by getsockopt: guarded by this -------------------------
    private long kernelDrops;
    private long queueFreezes;
    private boolean bound;
    private boolean closed;

    private QueuePair(int index, int fd, RingGeometry geometry, MemorySegment mapping, boolean filterOutgoing,
                      boolean vnetHeader, String device, Arena arena) {
        this.index = index;
        this.fd = fd;
        this.geometry = geometry;
        this.rxRing = mapping.asSlice(0, geometry.ringBytes());
        this.txRing = mapping.asSlice(geometry.ringBytes(), geometry.ringBytes());
        this.filterOutgoing = filterOutgoing;
        this.vnetHeader = vnetHeader;
        this.txSlotCapacity = geometry.maxTxFrame() - (vnetHeader ? VnetHeader.SIZE : 0);
        this.device = device;
        this.arena = arena;
        this.statistics = arena.allocate(12, 4);
        this.txMaxFrame = txSlotCapacity;
        this.txMaxUntagged = txSlotCapacity;
    }

    /**
     * A pair with no socket (fd -1) whose rings are plain memory of {@code arena}: what
     * {@link DataPathWarmup} runs the data path over. Its kicks fail with EBADF.
     */
    static QueuePair scratch(RingGeometry geometry, boolean vnetHeader, Arena arena) {
        MemorySegment rings = arena.allocate(2 * geometry.ringBytes(), 4096);
        return new QueuePair(-1, -1, geometry, rings, false, vnetHeader, "warm-up", arena);
    }

    /** Creates the socket, its rings and their mapping; on failure nothing is left open. */
    static QueuePair open(AfPacketConfig config, int index) {
        String device = config.device();
        int fd = PacketSocket.open(device);
        Arena arena = null;
        try {
            setOption(device, fd, PacketSocket.PACKET_VERSION, Tpacket3.TPACKET_V3, "TPACKET_V3 rings (Linux 3.2 or later)");
            boolean filterOutgoing = false;
            try {
                PacketSocket.setInt(fd, PacketSocket.PACKET_IGNORE_OUTGOING, 1);
            } catch (SysException e) {
                if (e.errno() != PacketSocket.ENOPROTOOPT) {
                    throw e;
                }
                filterOutgoing = true; // Linux before 4.20: drop them in rxBurst instead
            }
            boolean vnetHeader = enableVnetHeader(fd);
            if (config.qdiscBypass()) {
                setOption(device, fd, PacketSocket.PACKET_QDISC_BYPASS, 1, "qdisc_bypass=1 (Linux 3.14 or later)");
            }
            RingGeometry g = config.geometry();
            setRing(config, fd, PacketSocket.PACKET_RX_RING, "receive");
            setRing(config, fd, PacketSocket.PACKET_TX_RING, "transmit");
            arena = Arena.ofShared();
            MemorySegment mapping;
            try {
                mapping = Mman.mmap(2 * g.ringBytes(), Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED, fd, 0)
                        .reinterpret(arena, Mman::munmap);
            } catch (SysException e) {
                throw new IllegalArgumentException(device + ": cannot map the rings (" + 2 * g.ringBytes() + " bytes): "
                        + Errno.name(e.errno()) + " (" + Errno.description(e.errno()) + ")", e);
            }
            QueuePair pair = new QueuePair(index, fd, g, mapping, filterOutgoing, vnetHeader, device, arena);
            pair.linkDataPath();
            return pair;
        } catch (RuntimeException e) {
            if (arena != null) {
                arena.close();
            }
            PacketSocket.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Makes the data path's first calls here, on the control thread: the JVM links a VarHandle
     * access mode or a downcall on first use, and that linking allocates on the calling thread,
     * which would otherwise be an lcore's first packets. The ring is not bound yet, so the kernel
     * touches nothing: the status words written back are the ones read, and the kick finds no
     * interface to send on (ENXIO).
     */
    private void linkDataPath() {
        int block = (int) Tpacket3.STATUS_WORD.getAcquire(rxRing, (long) Tpacket3.BLOCK_STATUS);
        Tpacket3.STATUS_WORD.setRelease(rxRing, (long) Tpacket3.BLOCK_STATUS, block);
        int slot = (int) Tpacket3.STATUS_WORD.getAcquire(txRing, (long) Tpacket3.STATUS);
        Tpacket3.STATUS_WORD.setRelease(txRing, (long) Tpacket3.STATUS, slot);
        TxKick.kick(fd);
    }

    /**
     * PACKET_VNET_HDR (before the rings: the kernel refuses it after). Transmit then puts a
     * virtio_net_hdr before each frame whose hdr_len is the whole frame, and the kernel copies the
     * frame into the skb's linear part instead of attaching the ring's pages as fragments; veth
     * (and anything else that must own its data) would otherwise copy those fragments into freshly
     * allocated pages, frame by frame: about a fifth of the CPU a transmitted frame costs on veth.
     * Receive gets the header too, in front of the MAC header, where it is simply not read.
     * Kernels that refuse the option run without it.
     */
    private static boolean enableVnetHeader(int fd) {
        try {
            PacketSocket.setInt(fd, PacketSocket.PACKET_VNET_HDR, 1);
            return true;
        } catch (SysException e) {
            return false;
        }
    }

    private static void setOption(String device, int fd, int option, int value, String feature) {
        try {
            PacketSocket.setInt(fd, option, value);
        } catch (SysException e) {
            throw new IllegalArgumentException(device + ": this kernel refused " + feature + ": " + Errno.name(e.errno())
                    + " (" + Errno.description(e.errno()) + ")", e);
        }
    }

    private static void setRing(AfPacketConfig config, int fd, int option, String which) {
        RingGeometry g = config.geometry();
        try {
            PacketSocket.setRing(fd, option, g, config.blockTimeoutMs());
        } catch (SysException e) {
            String hint = e.errno() == Errno.ENOMEM ? "; lower framecnt or blocksz" : "";
            throw new IllegalArgumentException(config.device() + ": the kernel refused a " + which + " ring of "
                    + g.blockCount() + " blocks x " + g.blockSize() + " bytes, framesz=" + g.frameSize() + ": "
                    + Errno.name(e.errno()) + " (" + Errno.description(e.errno()) + ")" + hint, e);
        }
    }

    /** Binds the socket to the interface (frames start to flow) unless it already is. */
    synchronized void bind(int ifindex) {
        if (!bound) {
            PacketSocket.bind(fd, ifindex);
            bound = true;
        }
    }

    synchronized boolean isBound() {
        return bound;
    }

    /**
     * Sets the longest frames transmit accepts from the interface's MTU, as the kernel checks them:
     * MTU + 14 bytes of Ethernet header, + 4 more when the frame carries an 802.1Q tag, and never
     * more than a slot holds. Called before the lcores run (their launch publishes it).
     */
    void limitTxFrames(int mtu) {
        txMaxUntagged = Math.min(txSlotCapacity, mtu + 14);
        txMaxFrame = Math.min(txSlotCapacity, mtu + 18);
    }

    /** Kicks the transmit ring once from the control thread (used at stop to flush what waits). */
    void flush() {
        TxKick.kick(fd);
    }

    /** Adds what the kernel counted since the last read (its counters reset on each read). */
    private void refreshStatistics() {
        if (closed) {
            return;
        }
        PacketSocket.readStatistics(fd, statistics);
        // struct tpacket_stats_v3 { tp_packets (received + dropped), tp_drops, tp_freeze_q_cnt }
        kernelDrops += Integer.toUnsignedLong(statistics.get(JAVA_INT, 4));
        queueFreezes += Integer.toUnsignedLong(statistics.get(JAVA_INT, 8));
    }

    /** Frames the kernel dropped because the receive ring had no free block (tp_drops), since open. */
    synchronized long kernelDrops() {
        refreshStatistics();
        return kernelDrops;
    }

    /** How often every block was held by user space and the ring stopped (tp_freeze_q_cnt), since open. */
    synchronized long queueFreezes() {
        refreshStatistics();
        return queueFreezes;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            arena.close();
        } finally {
            PacketSocket.closeQuietly(fd);
        }
    }

    @Override
    public String toString() {
        return device + " queue pair " + index + " (fd " + fd + ")";
    }
}
