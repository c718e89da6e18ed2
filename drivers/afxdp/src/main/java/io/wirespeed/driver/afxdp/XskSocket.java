package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.mbuf.Mempool;
import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.Mman;
import io.wirespeed.sys.Sockets;
import io.wirespeed.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One AF_XDP socket bound to one queue of an interface, with its UMEM (a mempool's memory zone,
 * registered in unaligned-chunk mode so that every mbuf buffer is a chunk) and its four mapped
 * rings. The receive side (fill + RX ring) belongs to one lcore, the transmit side (TX +
 * completion ring) to one lcore; each side records which mbufs the kernel holds, so that closing
 * the socket gives every one of them back to the pool.
 */
final class XskSocket implements AutoCloseable {
    private final String device;
    private final int queueId;
    private final int fd;
    private final UmemLayout umem;
    private final ProducerRing fill;
    private final ConsumerRing completion;
    private final ConsumerRing rx;
    private final ProducerRing tx;
    private final boolean zeroCopy;
    /** Whether preferred busy polling is on: an empty RX ring is then worth a recvfrom. */
    private volatile boolean busyPolling;
    /** rxHeld[i] == 1: mbuf i is in the fill ring or in the kernel's hands for receiving. RX lcore only. */
    private final byte[] rxHeld;
    /** txHeld[i]: references to mbuf i posted for sending and not completed yet. TX lcore only. */
    private final int[] txHeld;
    private boolean closed;

    private XskSocket(String device, int queueId, int fd, UmemLayout umem, ProducerRing fill, ConsumerRing completion,
                      ConsumerRing rx, ProducerRing tx, boolean zeroCopy, boolean busyPolling) {
        this.device = device;
        this.queueId = queueId;
        this.fd = fd;
        this.umem = umem;
        this.fill = fill;
        this.completion = completion;
        this.rx = rx;
        this.tx = tx;
        this.zeroCopy = zeroCopy;
        this.busyPolling = busyPolling;
        this.rxHeld = new byte[umem.pool().size()];
        this.txHeld = new int[umem.pool().size()];
    }

    /**
     * Opens a socket on queue {@code queueId} of {@code ifindex}: registers the pool's zone as
     * UMEM, creates and maps the rings, binds (XDP_USE_NEED_WAKEUP, and XDP_COPY when
     * {@code forceCopy}), turns on preferred busy polling when {@code busyBudget > 0} and stocks
     * the fill ring with mbufs. On failure closes what it made.
     */
    static XskSocket open(String device, String iface, int ifindex, int queueId, UmemLayout umem, int rxSize, int txSize,
                          boolean forceCopy, int busyBudget) {
        int fd;
        try {
            fd = Sockets.socket(Sockets.AF_XDP, Sockets.SOCK_RAW | Sockets.SOCK_CLOEXEC, 0);
        } catch (SysException e) {
            throw AfXdpErrors.translate(e, device, iface, "open an AF_XDP socket");
        }
        MemorySegment[] maps = new MemorySegment[4];
        String step = "register the UMEM";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reg = arena.allocate(Xdp.UMEM_REG_SIZE, 8);
            reg.set(JAVA_LONG, 0, umem.zone().segment().address());
            reg.set(JAVA_LONG, 8, umem.zone().size());
            reg.set(JAVA_INT, 16, UmemLayout.CHUNK_SIZE);
            reg.set(JAVA_INT, 20, 0);                                   // headroom beyond XDP_PACKET_HEADROOM
            reg.set(JAVA_INT, 24, Xdp.XDP_UMEM_UNALIGNED_CHUNK_FLAG);
            Sockets.setsockopt(fd, Xdp.SOL_XDP, Xdp.XDP_UMEM_REG, reg);
            step = "create the rings";
            Sockets.setsockopt(fd, Xdp.SOL_XDP, Xdp.XDP_UMEM_FILL_RING, rxSize);
            Sockets.setsockopt(fd, Xdp.SOL_XDP, Xdp.XDP_UMEM_COMPLETION_RING, txSize);
            Sockets.setsockopt(fd, Xdp.SOL_XDP, Xdp.XDP_RX_RING, rxSize);
            Sockets.setsockopt(fd, Xdp.SOL_XDP, Xdp.XDP_TX_RING, txSize);
            MemorySegment off = arena.allocate(Xdp.MMAP_OFFSETS_SIZE, 8);
            Sockets.getsockopt(fd, Xdp.SOL_XDP, Xdp.XDP_MMAP_OFFSETS, off);
            step = "map the rings";
            maps[Xdp.FILL] = map(fd, off, Xdp.FILL, Xdp.XDP_UMEM_PGOFF_FILL_RING, rxSize, Xdp.ADDR_SIZE);
            maps[Xdp.COMPLETION] = map(fd, off, Xdp.COMPLETION, Xdp.XDP_UMEM_PGOFF_COMPLETION_RING, txSize, Xdp.ADDR_SIZE);
            maps[Xdp.RX] = map(fd, off, Xdp.RX, Xdp.XDP_PGOFF_RX_RING, rxSize, Xdp.DESC_SIZE);
            maps[Xdp.TX] = map(fd, off, Xdp.TX, Xdp.XDP_PGOFF_TX_RING, txSize, Xdp.DESC_SIZE);
            ProducerRing fill = new ProducerRing(maps[Xdp.FILL], field(off, Xdp.FILL, 0), field(off, Xdp.FILL, 1),
                    field(off, Xdp.FILL, 3), field(off, Xdp.FILL, 2), rxSize, Xdp.ADDR_SIZE);
            ConsumerRing completion = new ConsumerRing(maps[Xdp.COMPLETION], field(off, Xdp.COMPLETION, 0),
                    field(off, Xdp.COMPLETION, 1), field(off, Xdp.COMPLETION, 3), field(off, Xdp.COMPLETION, 2), txSize,
                    Xdp.ADDR_SIZE);
            ConsumerRing rx = new ConsumerRing(maps[Xdp.RX], field(off, Xdp.RX, 0), field(off, Xdp.RX, 1),
                    field(off, Xdp.RX, 3), field(off, Xdp.RX, 2), rxSize, Xdp.DESC_SIZE);
            ProducerRing tx = new ProducerRing(maps[Xdp.TX], field(off, Xdp.TX, 0), field(off, Xdp.TX, 1),
                    field(off, Xdp.TX, 3), field(off, Xdp.TX, 2), txSize, Xdp.DESC_SIZE);

            step = "bind to queue " + queueId + " of " + iface;
            MemorySegment sa = arena.allocate(Xdp.SOCKADDR_XDP_SIZE, 4);
            sa.set(JAVA_SHORT, 0, (short) Sockets.AF_XDP);
            sa.set(JAVA_SHORT, 2, (short) (Xdp.XDP_USE_NEED_WAKEUP | (forceCopy ? Xdp.XDP_COPY : 0)));
            sa.set(JAVA_INT, 4, ifindex);
            sa.set(JAVA_INT, 8, queueId);
            Sockets.bind(fd, sa);
            MemorySegment options = arena.allocate(JAVA_INT);
            Sockets.getsockopt(fd, Xdp.SOL_XDP, Xdp.XDP_OPTIONS, options);
            boolean zc = (options.get(JAVA_INT, 0) & Xdp.XDP_OPTIONS_ZEROCOPY) != 0;
            boolean busy = busyBudget > 0 && preferBusyPolling(fd, busyBudget, device);
            XskSocket socket = new XskSocket(device, queueId, fd, umem, fill, completion, rx, tx, zc, busy);
            step = "stock the fill ring";
            socket.stockFillRing(iface);
            return socket;
        } catch (RuntimeException e) {
            for (MemorySegment m : maps) {
                if (m != null) {
                    Mman.munmap(m);
                }
            }
            XdpProgram.closeQuietly(fd);
            if (e instanceof SysException se) {
                throw bindError(se, device, iface, queueId, step);
            }
            throw e;
        }
    }

    private static RuntimeException bindError(SysException e, String device, String iface, int queueId, String step) {
        if (e.call().startsWith("bind") && e.errno() == Errno.EBUSY) {
            return new IllegalArgumentException(device + ": queue " + queueId + " of " + iface
                    + " already has an AF_XDP socket (another port or process); choose another start_queue");
        }
        if (step.equals("register the UMEM") && e.errno() == Errno.ENOBUFS) {
            return new IllegalArgumentException(device + ": the mempool's memory is over the locked-memory limit "
                    + "(RLIMIT_MEMLOCK); raise it (ulimit -l) or run as root");
        }
        return AfXdpErrors.translate(e, device, iface, step);
    }

    /**
     * Preferred busy polling, as DPDK's driver sets it up (kernel 5.11+): SO_PREFER_BUSY_POLL, a
     * 20 us SO_BUSY_POLL and SO_BUSY_POLL_BUDGET. The queue's NAPI work (for veth: running the
     * XDP program and copying frames into the UMEM) then runs in the poller's recvfrom/sendto on
     * the lcore's CPU, instead of in softirq wherever the sender happens to be. A kernel without
     * these options gets one log line and no busy polling.
     */
    private static boolean preferBusyPolling(int fd, int budget, String device) {
        try {
            Sockets.setsockopt(fd, Sockets.SOL_SOCKET, SO_PREFER_BUSY_POLL, 1);
            Sockets.setsockopt(fd, Sockets.SOL_SOCKET, SO_BUSY_POLL, BUSY_POLL_MICROS);
            Sockets.setsockopt(fd, Sockets.SOL_SOCKET, SO_BUSY_POLL_BUDGET, budget);
            return true;
        } catch (SysException e) {
            try {
                Sockets.setsockopt(fd, Sockets.SOL_SOCKET, SO_PREFER_BUSY_POLL, 0);
                Sockets.setsockopt(fd, Sockets.SOL_SOCKET, SO_BUSY_POLL, 0);
            } catch (SysException ignored) {
                // Never set, then: nothing to undo.
            }
            Log.info("net_af_xdp", device + ": no preferred busy polling here (" + e.getMessage()
                    + "); polling the rings only");
            return false;
        }
    }

    private static final int SO_BUSY_POLL = 46;
    private static final int SO_PREFER_BUSY_POLL = 69;
    private static final int SO_BUSY_POLL_BUDGET = 70;
    /** DPDK's ETH_AF_XDP_DFLT_BUSY_TIMEOUT. */
    private static final int BUSY_POLL_MICROS = 20;

    /** Byte offset {@code which} (0 producer, 1 consumer, 2 desc, 3 flags) of ring {@code ring}. */
    private static long field(MemorySegment offsets, int ring, int which) {
        return offsets.get(JAVA_LONG, (long) ring * Xdp.RING_OFFSET_SIZE + which * 8L);
    }

    private static MemorySegment map(int fd, MemorySegment offsets, int ring, long pgoff, int size, int entrySize) {
        long length = XskRing.mappingLength(field(offsets, ring, 2), size, entrySize);
        return Mman.mmap(length, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED | Mman.MAP_POPULATE, fd, pgoff);
    }

    /** Set-up: gives the kernel a full fill ring of fresh mbufs. */
    private void stockFillRing(String iface) {
        Mempool pool = umem.pool();
        int n = fill.reserve(fill.size());
        Mbuf[] mbufs = new Mbuf[n];
        if (pool.allocBulk(mbufs, 0, n) != n) {
            throw new IllegalArgumentException(device + ": mempool " + pool.name() + " has " + pool.availableCount()
                    + " free mbufs; queue " + queueId + " of " + iface + " needs " + n + " for its fill ring (make the pool"
                    + " bigger, e.g. --total-num-mbufs, or use fewer rx descriptors)");
        }
        int at = fill.producerIndex();
        for (int i = 0; i < n; i++) {
            int index = mbufs[i].index();
            rxHeld[index] = 1;
            fill.setAddress(at + i, umem.chunk(index));
        }
        fill.submit(n);
    }

    int fd() {
        return fd;
    }

    int queueId() {
        return queueId;
    }

    UmemLayout umem() {
        return umem;
    }

    ProducerRing fill() {
        return fill;
    }

    ConsumerRing rx() {
        return rx;
    }

    ProducerRing tx() {
        return tx;
    }

    ConsumerRing completion() {
        return completion;
    }

    byte[] rxHeld() {
        return rxHeld;
    }

    int[] txHeld() {
        return txHeld;
    }

    boolean busyPolling() {
        return busyPolling;
    }

    /**
     * Turns preferred busy polling off (both SO_ options to 0): from now on neither recvfrom nor
     * sendto runs the kernel's receive loop on the caller's CPU. Not a data-path call.
     */
    void stopBusyPolling() {
        if (!busyPolling) {
            return;
        }
        busyPolling = false;
        Sockets.setsockopt(fd, Sockets.SOL_SOCKET, SO_PREFER_BUSY_POLL, 0);
        Sockets.setsockopt(fd, Sockets.SOL_SOCKET, SO_BUSY_POLL, 0);
    }

    /** Whether the kernel runs this socket in zero-copy mode (XDP_OPTIONS). */
    boolean zeroCopy() {
        return zeroCopy;
    }

    /** The kernel's counters for this socket (one getsockopt: control path). */
    XdpStatistics statistics() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(Xdp.STATISTICS_SIZE, 8);
            Sockets.getsockopt(fd, Xdp.SOL_XDP, Xdp.XDP_STATISTICS, s);
            return new XdpStatistics(s.get(JAVA_LONG, 0), s.get(JAVA_LONG, 8), s.get(JAVA_LONG, 16), s.get(JAVA_LONG, 24),
                    s.get(JAVA_LONG, 32), s.get(JAVA_LONG, 40));
        }
    }

    /**
     * Closes the socket (the kernel unbinds it and stops using the UMEM), unmaps the rings and
     * gives back to the pool every mbuf the kernel held: those in the fill and RX rings, those
     * posted for sending and not completed. The lcores must have stopped using the socket.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        XdpProgram.closeQuietly(fd);
        fill.unmap();
        completion.unmap();
        rx.unmap();
        tx.unmap();
        Mempool pool = umem.pool();
        for (int i = 0; i < rxHeld.length; i++) {
            if (rxHeld[i] != 0) {
                rxHeld[i] = 0;
                pool.get(i).free();
            }
            for (; txHeld[i] > 0; txHeld[i]--) {
                pool.get(i).free();
            }
        }
    }
}
