package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.CaptureFormat.MAX_FRAME;
import static io.wirespeed.driver.pcap.CaptureFormat.PCAP_FILE_HEADER;
import static io.wirespeed.driver.pcap.CaptureFormat.PCAP_MAGIC_MICROS;
import static io.wirespeed.driver.pcap.CaptureFormat.PCAP_MAGIC_NANOS;
import static io.wirespeed.driver.pcap.CaptureFormat.PCAP_RECORD_HEADER;
import static io.wirespeed.driver.pcap.CaptureFormat.PCAP_VERSION_MAJOR;
import static io.wirespeed.driver.pcap.FileBytes.INT;
import static io.wirespeed.driver.pcap.FileBytes.i32;
import static io.wirespeed.driver.pcap.FileBytes.u16;
import static io.wirespeed.driver.pcap.FileBytes.u32;

import java.lang.foreign.MemorySegment;

/**
 * Walks a classic pcap file once: the 24-byte file header (magic, version 2.x, snaplen, link
 * type), then every 16-byte record header (seconds, micro- or nanoseconds, captured length,
 * original length), checking that each record fits its snaplen and the file. Copies nothing.
 */
final class ClassicPcapScanner {
    private ClassicPcapScanner() {
    }

    /** True when the file starts with a classic pcap magic, in either byte order. */
    static boolean recognises(int nativeMagic) {
        return nativeMagic == PCAP_MAGIC_MICROS || nativeMagic == PCAP_MAGIC_NANOS
                || nativeMagic == Integer.reverseBytes(PCAP_MAGIC_MICROS) || nativeMagic == Integer.reverseBytes(PCAP_MAGIC_NANOS);
    }

    /**
     * Scans the whole file. {@code where} prefixes every message ("net_pcap0: f.pcap"); damage
     * throws an IllegalArgumentException naming the byte offset.
     */
    static CaptureSummary scan(String where, MemorySegment file, PacketVisitor visitor) {
        long size = file.byteSize();
        if (size < PCAP_FILE_HEADER) {
            throw new IllegalArgumentException(where + ": " + size + " bytes, too short for the " + PCAP_FILE_HEADER
                    + "-byte pcap file header");
        }
        int magic = file.get(INT, 0);
        boolean swap = magic == Integer.reverseBytes(PCAP_MAGIC_MICROS) || magic == Integer.reverseBytes(PCAP_MAGIC_NANOS);
        int own = swap ? Integer.reverseBytes(magic) : magic;
        long tsMultiplier = own == PCAP_MAGIC_NANOS ? 1 : 1000;
        int major = u16(file, 4, swap);
        int minor = u16(file, 6, swap);
        if (major != PCAP_VERSION_MAJOR) {
            throw new IllegalArgumentException(where + ": pcap version " + major + "." + minor
                    + " is not supported (2.x is): the file header at byte 4 may be damaged");
        }
        long snaplen = u32(file, 16, swap);
        // The link-type field keeps the type in its low 16 bits; the top bits may describe the FCS.
        int linkType = i32(file, 20, swap) & 0xffff;

        long pos = PCAP_FILE_HEADER;
        long packets = 0;
        int maxCapture = 0;
        long truncatedAt = -1;
        while (pos < size) {
            if (size - pos < PCAP_RECORD_HEADER) {
                truncatedAt = pos;
                break;
            }
            long capture = u32(file, pos + 8, swap);
            if (snaplen != 0 && capture > snaplen) {
                throw new IllegalArgumentException(where + ": record at byte " + pos + " claims " + capture
                        + " bytes, more than its snaplen " + snaplen);
            }
            if (capture > MAX_FRAME) {
                throw new IllegalArgumentException(where + ": record at byte " + pos + " claims " + capture
                        + " bytes, more than the largest frame pcap allows (" + MAX_FRAME + ")");
            }
            if (capture > size - pos - PCAP_RECORD_HEADER) {
                truncatedAt = pos;
                break;
            }
            int len = (int) capture;
            visitor.packet(pos + PCAP_RECORD_HEADER, len, u32(file, pos, swap) * InterfaceTable.NANOS
                    + u32(file, pos + 4, swap) * tsMultiplier);
            packets++;
            maxCapture = Math.max(maxCapture, len);
            pos += PCAP_RECORD_HEADER + len;
        }
        return new CaptureSummary(false, swap, tsMultiplier, snaplen, linkType, PCAP_FILE_HEADER, packets, maxCapture,
                truncatedAt, null);
    }
}
