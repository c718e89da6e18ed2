package io.wirespeed.driver.pcap;

import io.wirespeed.sys.Log;
import io.wirespeed.sys.Mman;
import io.wirespeed.sys.SysException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file opened for reading: mapped read-only into memory (the page cache is the buffer:
 * no read system call, no copy but the one into the mbuf) and scanned once, so that a damaged
 * file fails at open with the byte offset of the damage, and the receive queues can stream it
 * afterwards without checking a length again.
 */
final class CaptureFile implements AutoCloseable {
    private static final int MADV_SEQUENTIAL = 2;
    private static final int MADV_WILLNEED = 3;

    private final String label;
    private final Path path;
    private final Arena arena;
    private final MemorySegment data;
    private final CaptureSummary summary;
    private final ReplayIndex index;

    private CaptureFile(String label, Path path, Arena arena, MemorySegment data, CaptureSummary summary, ReplayIndex index) {
        this.label = label;
        this.path = path;
        this.arena = arena;
        this.data = data;
        this.summary = summary;
        this.index = index;
    }

    /**
     * Maps and scans {@code file}; with {@code replay}, also builds the index that infinite replay
     * walks. Every failure is one IllegalArgumentException line starting with the device name,
     * and nothing stays mapped.
     */
    static CaptureFile open(String device, String file, boolean replay) {
        String where = device + ": " + file;
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(where + " is a directory, not a capture file");
        }
        Arena arena = Arena.ofShared();
        try {
            MemorySegment data;
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size == 0) {
                    throw new IllegalArgumentException(where + " is empty: not a pcap or pcapng file");
                }
                data = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            }
            CaptureSummary summary = scan(where, data);
            if (summary.truncated()) {
                Log.info(device, file + ": last record at byte " + summary.truncatedAt() + " is truncated: "
                        + summary.packets() + (summary.packets() == 1 ? " packet" : " packets") + " read, the partial one dropped");
            }
            if (summary.linkType() != CaptureFormat.LINKTYPE_ETHERNET && summary.linkType() >= 0) {
                Log.info(device, file + ": link type " + summary.linkType()
                        + " is not Ethernet (1): frames are delivered as the file holds them");
            }
            ReplayIndex index = null;
            if (replay) {
                if (summary.packets() == 0) {
                    throw new IllegalArgumentException(where + " holds no packet: infinite_rx=1 needs at least one");
                }
                index = ReplayIndex.build(where, data, summary, arena);
            }
            advise(data, replay ? MADV_WILLNEED : MADV_SEQUENTIAL);
            return new CaptureFile(file, path, arena, data, summary, index);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new IllegalArgumentException(where + " does not exist (rx_pcap names the capture file to read)");
        } catch (AccessDeniedException e) {
            arena.close();
            throw new IllegalArgumentException(where + ": permission denied (make the file readable by this user)");
        } catch (IOException e) {
            arena.close();
            throw new IllegalArgumentException(where + ": cannot read it: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private static CaptureSummary scan(String where, MemorySegment data) {
        if (data.byteSize() < 4) {
            throw new IllegalArgumentException(where + ": " + data.byteSize() + " bytes, too short to be a pcap or pcapng file");
        }
        int magic = data.get(FileBytes.INT, 0);
        if (ClassicPcapScanner.recognises(magic)) {
            return ClassicPcapScanner.scan(where, data, PacketVisitor.NONE);
        }
        if (magic == CaptureFormat.SHB) {
            return PcapngScanner.scan(where, data, PacketVisitor.NONE);
        }
        if (magic == CaptureFormat.PCAP_MAGIC_KUZNETZOV || magic == Integer.reverseBytes(CaptureFormat.PCAP_MAGIC_KUZNETZOV)) {
            throw new IllegalArgumentException(where + " is a modified (Kuznetzov) pcap file, which Wirespeed does not read:"
                    + " convert it with editcap -F pcap");
        }
        throw new IllegalArgumentException(where + " is not a pcap or pcapng file: it starts with "
                + FileBytes.hex4(data, 0) + " (expected a1b2c3d4, a1b23c4d, either byte-swapped, or 0a0d0d0a)");
    }

    /** Read-ahead hint: a one-pass read is sequential; a replayed file should stay resident. */
    private static void advise(MemorySegment data, int advice) {
        try {
            Mman.madvise(data, advice);
        } catch (SysException e) {
            // Only a hint: the reader works the same without it.
        }
    }

    String label() {
        return label;
    }

    Path path() {
        return path;
    }

    MemorySegment data() {
        return data;
    }

    CaptureSummary summary() {
        return summary;
    }

    /** The replay index, or null when the file was opened for one pass. */
    ReplayIndex index() {
        return index;
    }

    @Override
    public void close() {
        arena.close();
    }
}
