package io.wirespeed.bench;

import io.wirespeed.classify.acl.AclRule;
import io.wirespeed.classify.acl.AclRuleFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dpdk-test-acl's input files: the rule file ({@code --rulesf}, one {@code @} line per rule, see
 * {@link AclRuleFile}) and the trace file ({@code --tracef}: per line the source and destination
 * address, source and destination port and protocol, as C numbers), and the packet headers the
 * benchmark classifies from a trace.
 */
public final class AclTraceFile {
    /** Bytes per packet in {@link #packets}: a 20-byte IPv4 header and the 4 port bytes after it. */
    public static final int PACKET_STRIDE = 24;

    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private AclTraceFile() {
    }

    public static void writeRules(Path path, List<AclRule> rules) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(path))) {
            for (AclRule r : rules) {
                out.println(AclRuleFile.format(r));
            }
        }
    }

    /** Writes tuples {proto, src, dst, sport, dport} in dpdk-test-acl's trace format. */
    public static void writeTrace(Path path, int[][] tuples) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(path))) {
            for (int[] t : tuples) {
                out.printf("0x%08x\t0x%08x\t%d\t%d\t%d%n", t[1], t[2], t[3], t[4], t[0]);
            }
        }
    }

    /** Reads a trace file back into tuples {proto, src, dst, sport, dport}; a bad line names the file and line. */
    public static int[][] readTrace(Path path) throws IOException {
        List<int[]> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\\s+");
                if (f.length < 5) {
                    throw new IllegalArgumentException(path + " line " + lineNo + ": a trace line has 5 fields: SRC DST SPORT DPORT PROTO");
                }
                try {
                    out.add(new int[] {number(f[4], 0xff), (int) number(f[0], 0xffff_ffffL), (int) number(f[1], 0xffff_ffffL),
                        number(f[2], 0xffff), number(f[3], 0xffff)});
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(path + " line " + lineNo + ": " + e.getMessage());
                }
            }
        }
        return out.toArray(new int[0][]);
    }

    private static int number(String s, int max) {
        return (int) number(s, (long) max);
    }

    /** A C number as strtoul(s, 0) reads it: 0x hex, leading 0 octal, else decimal; 0..max. */
    private static long number(String s, long max) {
        long v;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            v = Long.parseLong(s.substring(2), 16);
        } else if (s.length() > 1 && s.startsWith("0")) {
            v = Long.parseLong(s.substring(1), 8);
        } else {
            v = Long.parseLong(s);
        }
        if (v < 0 || v > max) {
            throw new NumberFormatException("'" + s + "' is not in 0.." + max);
        }
        return v;
    }

    /** Writes one IPv4 header (IHL 5) and the ports after it per tuple, {@link #PACKET_STRIDE} bytes apart. */
    public static void packets(MemorySegment seg, int[][] tuples) {
        for (int i = 0; i < tuples.length; i++) {
            long at = (long) i * PACKET_STRIDE;
            int[] t = tuples[i];
            seg.set(ValueLayout.JAVA_BYTE, at, (byte) 0x45);
            seg.set(ValueLayout.JAVA_BYTE, at + 8, (byte) 64);
            seg.set(ValueLayout.JAVA_BYTE, at + 9, (byte) t[0]);
            seg.set(BE_INT, at + 12, t[1]);
            seg.set(BE_INT, at + 16, t[2]);
            seg.set(BE_SHORT, at + 20, (short) t[3]);
            seg.set(BE_SHORT, at + 22, (short) t[4]);
        }
    }
}
