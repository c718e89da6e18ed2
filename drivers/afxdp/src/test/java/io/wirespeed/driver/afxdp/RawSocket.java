package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.wirespeed.sys.NetInterfaces;
import io.wirespeed.sys.Sockets;
import io.wirespeed.sys.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The test's own view of the wire: an AF_PACKET raw socket bound to one interface that sends
 * exact frames into it and captures the frames that arrive on it (not the ones it sends).
 */
final class RawSocket implements AutoCloseable {
    private static final int ETH_P_ALL = 0x0003;
    private static final int SOL_PACKET = 263;
    private static final int PACKET_IGNORE_OUTGOING = 23;

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(4096, 64);
    private final MemorySegment pollFd = arena.allocate(8, 8);

    private RawSocket(int fd) {
        this.fd = fd;
    }

    static RawSocket open(String iface) {
        int fd = Sockets.socket(Sockets.AF_PACKET, Sockets.SOCK_RAW | Sockets.SOCK_CLOEXEC, Short.reverseBytes((short) ETH_P_ALL));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sll = a.allocate(20, 4);
            sll.set(JAVA_SHORT, 0, (short) Sockets.AF_PACKET);
            sll.set(JAVA_SHORT, 2, Short.reverseBytes((short) ETH_P_ALL));
            sll.set(JAVA_INT, 4, NetInterfaces.index(iface));
            Sockets.bind(fd, sll);
            Sockets.setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, 1);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
        return new RawSocket(fd);
    }

    void send(byte[] frame) {
        MemorySegment.copy(frame, 0, buffer, JAVA_BYTE, 0, frame.length);
        long n = Sockets.sendto(fd, buffer, frame.length, 0);
        if (n != frame.length) {
            throw new IllegalStateException("raw send returned " + n + ", errno " + Sockets.lastErrno());
        }
    }

    /** The next frame that arrives within {@code timeoutMillis}, or null. */
    byte[] receive(int timeoutMillis) {
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, Sockets.POLLIN);
        pollFd.set(JAVA_SHORT, 6, (short) 0);
        if (Sockets.poll(pollFd, 1, timeoutMillis) <= 0) {
            return null;
        }
        long n = Sockets.recvfrom(fd, buffer, buffer.byteSize(), Sockets.MSG_DONTWAIT);
        return n < 0 ? null : buffer.asSlice(0, n).toArray(JAVA_BYTE);
    }

    @Override
    public void close() {
        Syscalls.close(fd);
        arena.close();
    }
}
