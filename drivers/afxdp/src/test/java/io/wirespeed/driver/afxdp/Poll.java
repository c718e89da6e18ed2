package io.wirespeed.driver.afxdp;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.wirespeed.sys.Sockets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** poll(2) on one descriptor, for the interrupt-mode test. */
final class Poll {
    private Poll() {
    }

    static boolean readable(int fd, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate(8, 8);
            p.set(JAVA_INT, 0, fd);
            p.set(JAVA_SHORT, 4, Sockets.POLLIN);
            return Sockets.poll(p, 1, timeoutMillis) > 0 && (p.get(JAVA_SHORT, 6) & Sockets.POLLIN) != 0;
        }
    }
}
