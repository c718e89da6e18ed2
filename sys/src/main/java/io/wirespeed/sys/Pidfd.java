package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Takes a duplicate of another process's file descriptor (pidfd_open + pidfd_getfd, Linux 5.6):
 * how a guest process hands its interrupt eventfd to the NIC without SCM_RIGHTS. The caller
 * needs ptrace rights over the other process (root, CAP_SYS_PTRACE, or Yama's ptrace_scope 0).
 */
public final class Pidfd {
    private static final MethodHandle PIDFD_OPEN = Libc.errnoCall("pidfd_open",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle PIDFD_GETFD = Libc.errnoCall("pidfd_getfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));

    private Pidfd() {
    }

    /** A descriptor in this process for the file {@code pid} has open as {@code fd}; close it when done. */
    public static int duplicate(int pid, int fd) {
        MemorySegment errno = Libc.errnoState();
        try {
            int pidfd = Syscalls.check((int) PIDFD_OPEN.invokeExact(errno, pid, 0), "pidfd_open(" + pid + ")", errno);
            try {
                return Syscalls.check((int) PIDFD_GETFD.invokeExact(errno, pidfd, fd, 0),
                        "pidfd_getfd(" + pid + ", " + fd + ")", errno);
            } finally {
                Syscalls.close(pidfd);
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
