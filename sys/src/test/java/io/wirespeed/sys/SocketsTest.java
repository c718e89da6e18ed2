package io.wirespeed.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class SocketsTest {
    @Test
    void nonBlockingReceiveOnAnEmptySocketReportsEagainWithoutThrowing() {
        int fd = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_DGRAM | Sockets.SOCK_NONBLOCK, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(64);
            assertThat(Sockets.recvfrom(fd, buf, 64, Sockets.MSG_DONTWAIT)).isEqualTo(-1);
            assertThat(Sockets.lastErrno()).isEqualTo(Errno.EAGAIN);
        } finally {
            Syscalls.close(fd);
        }
    }

    @Test
    void socketOptionRoundTrips() {
        int fd = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_DGRAM, 0);
        try (Arena arena = Arena.ofConfined()) {
            Sockets.setsockopt(fd, Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, 65536);
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            assertThat(Sockets.getsockopt(fd, Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, value)).isEqualTo(4);
            assertThat(value.get(ValueLayout.JAVA_INT, 0)).isGreaterThanOrEqualTo(65536);
        } finally {
            Syscalls.close(fd);
        }
    }

    @Test
    void pollTimesOutOnAnIdleSocket() {
        int fd = Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_DGRAM | Sockets.SOCK_NONBLOCK, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(8, 4);
            pfd.set(ValueLayout.JAVA_INT, 0, fd);
            pfd.set(ValueLayout.JAVA_SHORT, 4, Sockets.POLLIN);
            assertThat(Sockets.poll(pfd, 1, 10)).isZero();
        } finally {
            Syscalls.close(fd);
        }
    }
}
