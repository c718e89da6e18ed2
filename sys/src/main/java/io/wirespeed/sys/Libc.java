package io.wirespeed.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The plumbing every binding shares, in this package and in drivers that bind calls of their
 * own: the C linker, libc's symbols and errno capture. A downcall made with {@link #errnoCall}
 * takes a leading capture-state segment; each thread owns one ({@link #errnoState()}), so a
 * system call allocates nothing.
 */
public final class Libc {
    static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> ERRNO_STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    /**
     * How often to call a downcall handle at set-up so that the data path never meets the JDK's
     * one-time work on it (linking, then a customized form after some 127 calls, both allocating):
     * past that threshold, with room to spare.
     */
    public static final int HANDLE_WARM_UP_CALLS = 300;

    private Libc() {
    }

    /** A libc function whose errno is captured into the segment passed as its first argument. */
    public static MethodHandle errnoCall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, Linker.Option.captureCallState("errno"));
    }

    /** A libc function that does not report through errno. */
    public static MethodHandle call(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    /** A libc function that may be absent from older C libraries. */
    public static MethodHandle optionalErrnoCall(String name, FunctionDescriptor descriptor) {
        return LIBC.find(name)
                .map(s -> LINKER.downcallHandle(s, descriptor, Linker.Option.captureCallState("errno")))
                .orElse(null);
    }

    static MemorySegment symbol(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    /** This thread's errno capture buffer. */
    public static MemorySegment errnoState() {
        return ERRNO_STATE.get();
    }

    /** The errno captured by this thread's last {@link #errnoCall} downcall. */
    public static int lastErrno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** Rethrows whatever a downcall handle threw; handles built here throw nothing checked. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
