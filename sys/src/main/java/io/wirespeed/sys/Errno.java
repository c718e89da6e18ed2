package io.wirespeed.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** errno values the kit reacts to, and their names and texts from the C library. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ENOSYS = 38;
    public static final int EOPNOTSUPP = 95;
    public static final int ENOBUFS = 105;

    private static final MethodHandle STRERRORNAME_NP =
            Libc.call("strerrorname_np", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERRORDESC_NP =
            Libc.call("strerrordesc_np", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private Errno() {
    }

    /** The symbolic name, e.g. {@code "ENOMEM"}, or {@code "errno 1234"} for a value libc does not know. */
    public static String name(int errno) {
        String name = cString(STRERRORNAME_NP, errno);
        return name != null ? name : "errno " + errno;
    }

    /** The C library's text, e.g. {@code "Cannot allocate memory"}. */
    public static String description(int errno) {
        String text = cString(STRERRORDESC_NP, errno);
        return text != null ? text : "unknown error";
    }

    private static String cString(MethodHandle fn, int errno) {
        try {
            MemorySegment p = (MemorySegment) fn.invokeExact(errno);
            return p.equals(MemorySegment.NULL) ? null : p.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
