package io.wirespeed.driver.pcap;

import static io.wirespeed.driver.pcap.CaptureFormat.BYTE_ORDER_MAGIC;
import static io.wirespeed.driver.pcap.CaptureFormat.EPB;
import static io.wirespeed.driver.pcap.CaptureFormat.EPB_DATA;
import static io.wirespeed.driver.pcap.CaptureFormat.IDB;
import static io.wirespeed.driver.pcap.CaptureFormat.IF_TSOFFSET;
import static io.wirespeed.driver.pcap.CaptureFormat.IF_TSRESOL;
import static io.wirespeed.driver.pcap.CaptureFormat.MAX_FRAME;
import static io.wirespeed.driver.pcap.CaptureFormat.MIN_BLOCK;
import static io.wirespeed.driver.pcap.CaptureFormat.MIN_EPB;
import static io.wirespeed.driver.pcap.CaptureFormat.MIN_IDB;
import static io.wirespeed.driver.pcap.CaptureFormat.MIN_SHB;
import static io.wirespeed.driver.pcap.CaptureFormat.MIN_SPB;
import static io.wirespeed.driver.pcap.CaptureFormat.OPB;
import static io.wirespeed.driver.pcap.CaptureFormat.OPT_END;
import static io.wirespeed.driver.pcap.CaptureFormat.SHB;
import static io.wirespeed.driver.pcap.CaptureFormat.SPB;
import static io.wirespeed.driver.pcap.CaptureFormat.SPB_DATA;
import static io.wirespeed.driver.pcap.CaptureFormat.pad4;
import static io.wirespeed.driver.pcap.FileBytes.INT;
import static io.wirespeed.driver.pcap.FileBytes.i64;
import static io.wirespeed.driver.pcap.FileBytes.u16;
import static io.wirespeed.driver.pcap.FileBytes.u32;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Walks a pcapng file once, block by block: section headers (either byte order, any number of
 * sections), interface descriptions (link type, snaplen, if_tsresol, if_tsoffset), enhanced,
 * simple and obsolete packet blocks; every other block is skipped by its length. Each block's
 * length is checked at both ends and each packet against its block, its interface's snaplen and
 * the file, so that a reader can later stream the file trusting every length. Copies nothing.
 */
final class PcapngScanner {
    private PcapngScanner() {
    }

    /** What the scan knows at a given point: the current section's byte order and interfaces. */
    private static final class Section {
        boolean swap;
        /** Index in the table of this section's interface 0. */
        int firstInterface;
    }

    static CaptureSummary scan(String where, MemorySegment file, PacketVisitor visitor) {
        long size = file.byteSize();
        InterfaceTable interfaces = new InterfaceTable();
        Section section = new Section();
        long pos = 0;
        long packets = 0;
        int maxCapture = 0;
        long truncatedAt = -1;
        while (pos < size) {
            if (size - pos < MIN_BLOCK) {
                truncatedAt = pos;
                break;
            }
            int rawType = file.get(INT, pos);
            if (rawType == SHB) {
                if (size - pos < MIN_SHB) {
                    truncatedAt = pos;
                    break;
                }
                startSection(where, file, pos, section, interfaces);
            }
            boolean swap = section.swap;
            int type = swap ? Integer.reverseBytes(rawType) : rawType;
            long length = u32(file, pos + 4, swap);
            if (length < MIN_BLOCK || (length & 3) != 0) {
                throw damaged(where, pos, "has length " + length + " (a block is a multiple of 4 bytes, at least "
                        + MIN_BLOCK + ")");
            }
            if (length > size - pos) {
                truncatedAt = pos;
                break;
            }
            long trailer = u32(file, pos + length - 4, swap);
            if (trailer != length) {
                throw damaged(where, pos, "says it is " + length + " bytes long at its start but " + trailer
                        + " at its end");
            }
            switch (type) {
                case SHB -> requireLength(where, pos, "section header", length, MIN_SHB);
                case IDB -> describeInterface(where, file, pos, length, swap, interfaces);
                case EPB, OPB, SPB -> {
                    long capture = checkPacket(where, file, pos, type, length, section, interfaces);
                    int len = (int) capture;
                    long data = pos + (type == SPB ? SPB_DATA : EPB_DATA);
                    visitor.packet(data, len, timestamp(file, pos, type, swap, section, interfaces));
                    packets++;
                    maxCapture = Math.max(maxCapture, len);
                }
                default -> {
                    // Name resolution, statistics, journal, custom blocks...: not packets, skipped.
                }
            }
            pos += length;
        }
        int firstLink = interfaces.count() > 0 ? interfaces.linkType(0) : -1;
        return new CaptureSummary(true, false, 1, 0, firstLink, 0, packets, maxCapture, truncatedAt, interfaces);
    }

    private static void startSection(String where, MemorySegment file, long pos, Section section, InterfaceTable interfaces) {
        int bom = file.get(INT, pos + 8);
        if (bom == BYTE_ORDER_MAGIC) {
            section.swap = false;
        } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            section.swap = true;
        } else {
            throw damaged(where, pos, "(section header) has byte-order magic " + FileBytes.hex4(file, pos + 8)
                    + ", not 1a2b3c4d in either byte order");
        }
        int major = u16(file, pos + 12, section.swap);
        if (major != 1) {
            throw damaged(where, pos, "(section header) is pcapng version " + major + "." + u16(file, pos + 14, section.swap)
                    + "; Wirespeed reads version 1.x");
        }
        section.firstInterface = interfaces.count();
    }

    private static void describeInterface(String where, MemorySegment file, long pos, long length, boolean swap,
                                          InterfaceTable interfaces) {
        requireLength(where, pos, "interface description", length, MIN_IDB);
        int link = u16(file, pos + 8, swap);
        long snaplen = u32(file, pos + 12, swap);
        int tsresol = 6;
        long tsoffset = 0;
        long end = pos + length - 4;
        long opt = pos + 16;
        while (end - opt >= 4) {
            int code = u16(file, opt, swap);
            int optLength = u16(file, opt + 2, swap);
            if (code == OPT_END) {
                break;
            }
            if (optLength + pad4(optLength) > end - opt - 4) {
                throw damaged(where, pos, "(interface description) has an option at byte " + opt + " of " + optLength
                        + " bytes that runs past the block's end");
            }
            if (code == IF_TSRESOL && optLength >= 1) {
                tsresol = file.get(ValueLayout.JAVA_BYTE, opt + 4) & 0xff;
            } else if (code == IF_TSOFFSET && optLength == 8) {
                tsoffset = i64(file, opt + 4, swap);
            }
            opt += 4 + optLength + pad4(optLength);
        }
        String wrong = interfaces.add(link, snaplen, tsresol, tsoffset);
        if (wrong != null) {
            throw damaged(where, pos, "(interface description) has " + wrong + ", which Wirespeed cannot convert to nanoseconds");
        }
    }

    /** Checks a packet block and returns its captured length. */
    private static long checkPacket(String where, MemorySegment file, long pos, int type, long length, Section section,
                                    InterfaceTable interfaces) {
        boolean swap = section.swap;
        String kind = type == EPB ? "enhanced packet" : type == SPB ? "simple packet" : "packet";
        requireLength(where, pos, kind, length, type == SPB ? MIN_SPB : MIN_EPB);
        int sectionInterfaces = interfaces.count() - section.firstInterface;
        long iface = type == SPB ? 0 : type == EPB ? u32(file, pos + 8, swap) : u16(file, pos + 8, swap);
        if (iface >= sectionInterfaces) {
            throw damaged(where, pos, "(" + kind + ") names interface " + iface + ", but its section "
                    + (sectionInterfaces == 0 ? "describes no interface before it" : "has only " + sectionInterfaces));
        }
        long snaplen = interfaces.snaplen(section.firstInterface + (int) iface);
        long capture;
        long room;
        if (type == SPB) {
            room = length - MIN_SPB;
            capture = Math.min(u32(file, pos + 8, swap), room);
            if (snaplen != 0) {
                capture = Math.min(capture, snaplen);
            }
        } else {
            room = length - MIN_EPB;
            capture = u32(file, pos + 20, swap);
            if (capture > room) {
                throw damaged(where, pos, "(" + kind + ") claims " + capture + " bytes, more than the " + room
                        + " its block holds");
            }
            if (snaplen != 0 && capture > snaplen) {
                throw damaged(where, pos, "(" + kind + ") claims " + capture + " bytes, more than its interface's snaplen "
                        + snaplen);
            }
        }
        if (capture > MAX_FRAME) {
            throw damaged(where, pos, "(" + kind + ") claims " + capture + " bytes, more than the largest frame pcap allows ("
                    + MAX_FRAME + ")");
        }
        return capture;
    }

    /** The packet's time in nanoseconds since the epoch; 0 for a simple packet block, which has none. */
    static long timestamp(MemorySegment file, long pos, int type, boolean swap, Section section, InterfaceTable interfaces) {
        if (type == SPB) {
            return 0;
        }
        int iface = section.firstInterface + (type == EPB ? (int) u32(file, pos + 8, swap) : u16(file, pos + 8, swap));
        long units = u32(file, pos + 12, swap) << 32 | u32(file, pos + 16, swap);
        return interfaces.toNanos(iface, units);
    }

    private static void requireLength(String where, long pos, String kind, long length, int minimum) {
        if (length < minimum) {
            throw damaged(where, pos, "(" + kind + ") is " + length + " bytes long, shorter than the " + minimum
                    + " its fields need");
        }
    }

    private static IllegalArgumentException damaged(String where, long pos, String what) {
        return new IllegalArgumentException(where + ": block at byte " + pos + " " + what);
    }
}
