package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.CaptureFormat.EPB;
import static io.wirespeed.driver.pcap.CaptureFormat.EPB_DATA;
import static io.wirespeed.driver.pcap.CaptureFormat.IDB;
import static io.wirespeed.driver.pcap.CaptureFormat.IF_NAME;
import static io.wirespeed.driver.pcap.CaptureFormat.IF_TSRESOL;
import static io.wirespeed.driver.pcap.CaptureFormat.LINKTYPE_ETHERNET;
import static io.wirespeed.driver.pcap.CaptureFormat.MIN_EPB;
import static io.wirespeed.driver.pcap.CaptureFormat.OPT_END;
import static io.wirespeed.driver.pcap.CaptureFormat.PCAP_FILE_HEADER;
import static io.wirespeed.driver.pcap.CaptureFormat.PCAP_MAGIC_NANOS;
import static io.wirespeed.driver.pcap.CaptureFormat.PCAP_RECORD_HEADER;
import static io.wirespeed.driver.pcap.CaptureFormat.SHB;
import static io.wirespeed.driver.pcap.CaptureFormat.SHB_USERAPPL;
import static io.wirespeed.driver.pcap.CaptureFormat.pad4;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.wirespeed.mbuf.Mbuf;
import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.SysException;
import io.wirespeed.sys.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A capture file being written: classic pcap with nanosecond time stamps (magic a1b23c4d, link
 * type Ethernet) or pcapng (a section header, one interface description with if_tsresol=9, then
 * an enhanced packet block per frame), in this machine's byte order.
 *
 * <p>Records are assembled in a 1 MiB off-heap buffer and the buffer is written with write(2)
 * when the next burst would not fit, at stop and at close: a burst costs at most one system call,
 * and usually none. The file header goes out with the first write.
 *
 * <p>A failed write is not thrown: the writer says so once (Log), remembers it, and writes no more;
 * the transmit queue counts the packets lost (oerrors). Threads: one lcore appends; the control
 * thread flushes at stop, after that lcore stopped using the queue.
 */
final class CaptureWriter implements AutoCloseable {
    static final int BUFFER_BYTES = 1 << 20;
    private static final ValueLayout.OfInt INT = FileBytes.INT;
    private static final ValueLayout.OfShort SHORT = FileBytes.SHORT;
    private static final ValueLayout.OfLong LONG = FileBytes.LONG;
    private static final String APPLICATION = "Wirespeed net_pcap";
    /** Write-only (fcntl.h); Syscalls names only the flags the rest of the kit uses. */
    private static final int O_WRONLY = 1;

    private final String device;
    private final String file;
    private final boolean pcapng;
    private final int snaplen;
    private final int fd;
    private final Arena arena;
    private final MemorySegment buffer;
    private int length;
    /** Packets in the buffer, lost if its write fails. */
    private int bufferedPackets;
    private boolean failed;
    private boolean closed;

    private CaptureWriter(String device, String file, boolean pcapng, int snaplen, int fd, Arena arena, MemorySegment buffer) {
        this.device = device;
        this.file = file;
        this.pcapng = pcapng;
        this.snaplen = snaplen;
        this.fd = fd;
        this.arena = arena;
        this.buffer = buffer;
    }

    /** Creates (or truncates) {@code file} and puts its file header in the buffer. */
    static CaptureWriter create(String device, String file, boolean pcapng, int snaplen) {
        int fd;
        try {
            fd = Syscalls.open(file, O_WRONLY | Syscalls.O_CREAT | Syscalls.O_TRUNC | Syscalls.O_CLOEXEC, 0644);
        } catch (SysException e) {
            String why = e.errno() == Errno.EACCES || e.errno() == Errno.EPERM
                    ? "permission denied (choose a directory this user can write)"
                    : e.errno() == Errno.ENOENT ? "its directory does not exist" : e.getMessage();
            throw new IllegalArgumentException(device + ": cannot create " + file + ": " + why);
        }
        Arena arena = Arena.ofShared();
        try {
            CaptureWriter w = new CaptureWriter(device, file, pcapng, snaplen, fd, arena, arena.allocate(BUFFER_BYTES, 4096));
            w.length = pcapng ? w.putPcapngHeader(0) : w.putPcapHeader(0);
            return w;
        } catch (RuntimeException | Error e) {
            arena.close();
            Syscalls.close(fd);
            throw e;
        }
    }

    private int putPcapHeader(int at) {
        buffer.set(INT, at, PCAP_MAGIC_NANOS);
        buffer.set(SHORT, at + 4, (short) CaptureFormat.PCAP_VERSION_MAJOR);
        buffer.set(SHORT, at + 6, (short) CaptureFormat.PCAP_VERSION_MINOR);
        buffer.set(INT, at + 8, 0); // this zone: always UTC
        buffer.set(INT, at + 12, 0); // sigfigs
        buffer.set(INT, at + 16, snaplen);
        buffer.set(INT, at + 20, LINKTYPE_ETHERNET);
        return at + PCAP_FILE_HEADER;
    }

    private int putPcapngHeader(int at) {
        int shbStart = at;
        buffer.set(INT, at, SHB);
        buffer.set(INT, at + 8, CaptureFormat.BYTE_ORDER_MAGIC);
        buffer.set(SHORT, at + 12, (short) 1);
        buffer.set(SHORT, at + 14, (short) 0);
        buffer.set(LONG, at + 16, -1L); // section length not known in advance
        at = putOption(at + 24, SHB_USERAPPL, APPLICATION.getBytes(StandardCharsets.UTF_8));
        at = putOption(at, OPT_END, new byte[0]);
        at = closeBlock(shbStart, at);

        int idbStart = at;
        buffer.set(INT, at, IDB);
        buffer.set(SHORT, at + 8, (short) LINKTYPE_ETHERNET);
        buffer.set(SHORT, at + 10, (short) 0);
        buffer.set(INT, at + 12, snaplen);
        at = putOption(at + 16, IF_NAME, device.getBytes(StandardCharsets.UTF_8));
        at = putOption(at, IF_TSRESOL, new byte[] {9}); // nanoseconds
        at = putOption(at, OPT_END, new byte[0]);
        return closeBlock(idbStart, at);
    }

    private int putOption(int at, int code, byte[] value) {
        buffer.set(SHORT, at, (short) code);
        buffer.set(SHORT, at + 2, (short) value.length);
        MemorySegment.copy(value, 0, buffer, JAVA_BYTE, at + 4, value.length);
        int padded = value.length + pad4(value.length);
        buffer.asSlice(at + 4 + value.length, padded - value.length).fill((byte) 0);
        return at + 4 + padded;
    }

    /** Writes the block's length at its start and its end; returns the offset after it. */
    private int closeBlock(int start, int at) {
        int total = at + 4 - start;
        buffer.set(INT, start + 4, total);
        buffer.set(INT, at, total);
        return at + 4;
    }

    /** Bytes the record of a {@code packetLength}-byte packet takes in the file. */
    int recordLength(int packetLength) {
        int capture = Math.min(packetLength, snaplen);
        return pcapng ? MIN_EPB + capture + pad4(capture) : PCAP_RECORD_HEADER + capture;
    }

    int free() {
        return BUFFER_BYTES - length;
    }

    boolean failed() {
        return failed;
    }

    /**
     * Appends the record of {@code m} (all its segments, cut at snaplen) stamped
     * {@code timestampNanos}. The caller made sure it fits ({@link #free}).
     */
    void append(Mbuf m, long timestampNanos) {
        MemorySegment b = buffer;
        int at = length;
        int packetLength = m.packetLength();
        int capture = Math.min(packetLength, snaplen);
        int data;
        int next;
        if (pcapng) {
            int padded = capture + pad4(capture);
            int block = MIN_EPB + padded;
            b.set(INT, at, EPB);
            b.set(INT, at + 4, block);
            b.set(INT, at + 8, 0);
            b.set(INT, at + 12, (int) (timestampNanos >>> 32));
            b.set(INT, at + 16, (int) timestampNanos);
            b.set(INT, at + 20, capture);
            b.set(INT, at + 24, packetLength);
            data = at + EPB_DATA;
            if (padded != capture) {
                b.set(INT, data + padded - 4, 0); // the padding; the frame's last bytes overwrite the rest
            }
            b.set(INT, data + padded, block);
            next = at + block;
        } else {
            b.set(INT, at, (int) (timestampNanos / InterfaceTable.NANOS));
            b.set(INT, at + 4, (int) (timestampNanos % InterfaceTable.NANOS));
            b.set(INT, at + 8, capture);
            b.set(INT, at + 12, packetLength);
            data = at + PCAP_RECORD_HEADER;
            next = data + capture;
        }
        if (m.next() == null) {
            MemorySegment.copy(m.buffer(), m.dataOffset(), b, data, capture);
        } else {
            copyChain(m, b, data, capture);
        }
        length = next;
        bufferedPackets++;
    }

    private static void copyChain(Mbuf m, MemorySegment b, int at, int capture) {
        int left = capture;
        for (Mbuf seg = m; seg != null && left > 0; seg = seg.next()) {
            int n = Math.min(seg.dataLength(), left);
            MemorySegment.copy(seg.buffer(), seg.dataOffset(), b, at, n);
            at += n;
            left -= n;
        }
    }

    /**
     * Writes the buffer out. Returns how many packets were lost: 0, or on a failed write the
     * packets that were in the buffer (the failure is logged once, and later flushes do nothing).
     */
    int flush() {
        if (failed || closed || length == 0) {
            return 0;
        }
        int errno = FileIo.writeFully(fd, buffer, 0, length);
        int packets = bufferedPackets;
        length = 0;
        bufferedPackets = 0;
        if (errno == 0) {
            return 0;
        }
        failed = true;
        Log.info(device, "writing " + file + " failed: " + Errno.name(errno) + " (" + Errno.description(errno) + "): "
                + packets + " buffered packets lost; from now on every packet sent is dropped and counted as oerrors");
        return packets;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        try {
            Syscalls.close(fd);
        } finally {
            arena.close();
        }
    }
}
