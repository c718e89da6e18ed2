package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Libc;
import io.wirespeed.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The bpf(2) system call, the few commands the driver needs: create an XSKMAP, load a program,
 * put a socket into the map or take it out, and attach the program to an interface as a bpf_link
 * (which the kernel detaches when the link's descriptor closes, also when the process dies).
 * glibc has no bpf() wrapper, so this goes through syscall(2).
 *
 * <p>Set-up only: every call allocates its attribute block in a confined arena.
 */
final class Bpf {
    static final int BPF_MAP_CREATE = 0;
    static final int BPF_MAP_UPDATE_ELEM = 2;
    static final int BPF_MAP_DELETE_ELEM = 3;
    static final int BPF_PROG_LOAD = 5;
    static final int BPF_LINK_CREATE = 28;

    static final int BPF_MAP_TYPE_XSKMAP = 17;
    static final int BPF_PROG_TYPE_XDP = 6;
    /** enum bpf_attach_type's BPF_XDP. */
    static final int BPF_XDP = 37;
    static final int XDP_FLAGS_SKB_MODE = 1 << 1;
    static final int XDP_FLAGS_DRV_MODE = 1 << 2;

    /** sizeof(union bpf_attr) on the kernels we know; larger attribute blocks must be zero beyond it. */
    private static final int ATTR_SIZE = 144;
    private static final long SYS_BPF = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 321;
        case "aarch64" -> 280;
        default -> -1;
    };
    @SuppressWarnings("restricted") // a downcall, as every binding in the kit; needs --enable-native-access
    private static final MethodHandle SYSCALL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));

    private Bpf() {
    }

    /** An XSKMAP with {@code entries} slots keyed by receive-queue index. Returns its descriptor. */
    static int createXskMap(int entries, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, BPF_MAP_TYPE_XSKMAP);
            attr.set(JAVA_INT, 4, 4);          // key: u32 queue index
            attr.set(JAVA_INT, 8, 4);          // value: u32 socket fd
            attr.set(JAVA_INT, 12, entries);
            putName(attr, 28, name);
            return call(BPF_MAP_CREATE, attr, "bpf(BPF_MAP_CREATE, XSKMAP)");
        }
    }

    /**
     * Loads an XDP program. On a verifier rejection the load is repeated with the verifier's log,
     * whose last line goes into the exception.
     */
    static int loadXdpProgram(byte[] instructions, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment insns = arena.allocate(instructions.length, 8);
            MemorySegment.copy(instructions, 0, insns, JAVA_BYTE, 0, instructions.length);
            MemorySegment license = arena.allocateFrom("Dual MIT/GPL");
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, BPF_PROG_TYPE_XDP);
            attr.set(JAVA_INT, 4, instructions.length / 8);
            attr.set(JAVA_LONG, 8, insns.address());
            attr.set(JAVA_LONG, 16, license.address());
            putName(attr, 48, name);
            attr.set(JAVA_INT, 68, BPF_XDP);   // expected_attach_type
            try {
                return call(BPF_PROG_LOAD, attr, "bpf(BPF_PROG_LOAD, XDP)");
            } catch (SysException e) {
                if (e.errno() != Errno.EINVAL && e.errno() != Errno.EACCES) {
                    throw e;
                }
                int logSize = 1 << 16;
                MemorySegment log = arena.allocate(logSize);
                attr.set(JAVA_INT, 24, 1);     // log_level
                attr.set(JAVA_INT, 28, logSize);
                attr.set(JAVA_LONG, 32, log.address());
                try {
                    return call(BPF_PROG_LOAD, attr, "bpf(BPF_PROG_LOAD, XDP)");
                } catch (SysException again) {
                    throw new SysException("bpf(BPF_PROG_LOAD, XDP) [verifier: " + lastLine(log.getString(0)) + "]",
                            again.errno());
                }
            }
        }
    }

    /** map[key] = value (both u32), creating or replacing the slot. */
    static void updateElement(int mapFd, int key, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment k = arena.allocateFrom(JAVA_INT, key);
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, mapFd);
            attr.set(JAVA_LONG, 8, k.address());
            attr.set(JAVA_LONG, 16, v.address());
            call(BPF_MAP_UPDATE_ELEM, attr, "bpf(BPF_MAP_UPDATE_ELEM, queue " + key + ")");
        }
    }

    /** Empties slot {@code key}; an already empty slot is fine. */
    static void deleteElement(int mapFd, int key) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment k = arena.allocateFrom(JAVA_INT, key);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, mapFd);
            attr.set(JAVA_LONG, 8, k.address());
            try {
                call(BPF_MAP_DELETE_ELEM, attr, "bpf(BPF_MAP_DELETE_ELEM, queue " + key + ")");
            } catch (SysException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
            }
        }
    }

    /** Attaches an XDP program to an interface; returns the link's descriptor. */
    static int attachXdp(int progFd, int ifindex, int xdpFlags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            attr.set(JAVA_INT, 0, progFd);
            attr.set(JAVA_INT, 4, ifindex);
            attr.set(JAVA_INT, 8, BPF_XDP);
            attr.set(JAVA_INT, 12, xdpFlags);
            return call(BPF_LINK_CREATE, attr, "bpf(BPF_LINK_CREATE, XDP on ifindex " + ifindex + ")");
        }
    }

    private static int call(int command, MemorySegment attr, String what) {
        if (SYS_BPF < 0) {
            throw new UnsupportedOperationException("bpf(2): unknown system call number on " + System.getProperty("os.arch"));
        }
        MemorySegment errno = Libc.errnoState();
        long rc;
        try {
            rc = (long) SYSCALL.invokeExact(errno, SYS_BPF, command, attr, (int) attr.byteSize());
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc < 0) {
            throw new SysException(what, Libc.lastErrno(errno));
        }
        return (int) rc;
    }

    private static void putName(MemorySegment attr, long offset, String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(b.length, 15);    // BPF_OBJ_NAME_LEN 16, NUL-terminated
        MemorySegment.copy(b, 0, attr, JAVA_BYTE, offset, n);
    }

    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "no log" : lines[lines.length - 1].strip();
    }
}
