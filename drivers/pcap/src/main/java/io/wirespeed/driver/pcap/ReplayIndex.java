package io.wirespeed.driver.pcap;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Where every packet of a capture file is, for replaying it forever without parsing it again:
 * 16 bytes a packet, off-heap (a 10-million-packet file costs 160 MB and no garbage collector
 * work). Entry i holds {@code dataOffset << 20 | captureLength} and the time stamp in
 * nanoseconds. Frames are at most 2^18 bytes and files at most 2^44, so one long holds both.
 */
final class ReplayIndex {
    static final int ENTRY = 16;
    static final int LENGTH_BITS = 20;
    static final long LENGTH_MASK = (1L << LENGTH_BITS) - 1;
    private static final long MAX_OFFSET = 1L << (64 - LENGTH_BITS);

    private final MemorySegment entries;
    private final long packets;

    private ReplayIndex(MemorySegment entries, long packets) {
        this.entries = entries;
        this.packets = packets;
    }

    static ReplayIndex build(String where, MemorySegment file, CaptureSummary summary, Arena arena) {
        if (file.byteSize() >= MAX_OFFSET) {
            throw new IllegalArgumentException(where + ": " + file.byteSize() + " bytes, too large to replay (at most 2^44)");
        }
        MemorySegment entries = arena.allocate(summary.packets() * ENTRY, 64);
        long[] next = {0};
        PacketVisitor fill = (dataOffset, captureLength, timestampNanos) -> {
            long at = next[0]++ * ENTRY;
            entries.set(JAVA_LONG, at, dataOffset << LENGTH_BITS | captureLength);
            entries.set(JAVA_LONG, at + 8, timestampNanos);
        };
        if (summary.pcapng()) {
            PcapngScanner.scan(where, file, fill);
        } else {
            ClassicPcapScanner.scan(where, file, fill);
        }
        return new ReplayIndex(entries, packets(summary, next[0]));
    }

    private static long packets(CaptureSummary summary, long indexed) {
        if (indexed != summary.packets()) {
            throw new IllegalStateException("replay index holds " + indexed + " packets, the scan found " + summary.packets());
        }
        return indexed;
    }

    MemorySegment entries() {
        return entries;
    }

    long packets() {
        return packets;
    }
}
