package io.wirespeed.driver.tap;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Sockets;
import io.wirespeed.sys.SysException;
import io.wirespeed.sys.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The control calls on /dev/net/tun and on the tap netdevice (linux/if_tun.h, linux/sockios.h),
 * each a struct ifreq (40 bytes: the interface name, then a 24-byte union) passed to ioctl(2).
 */
final class TunControl {
    static final String CLONE_DEVICE = "/dev/net/tun";
    static final int IFNAMSIZ = 16;

    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    static final short IFF_MULTI_QUEUE = 0x0100;
    static final short IFF_UP = 0x1;

    /** _IOW('T', 202, int). */
    private static final long TUNSETIFF = 0x400454caL;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final long SIOCSIFHWADDR = 0x8924;
    private static final long SIOCGIFHWADDR = 0x8927;
    private static final int IFREQ_SIZE = 40;
    private static final int IFR_UNION = 16;
    private static final short ARPHRD_ETHER = 1;
    private static final int ENXIO = 6;

    private TunControl() {
    }

    /**
     * Opens a queue of the multi-queue tap {@code name} (created when it does not exist; a
     * {@code %d} in the name lets the kernel number it) and returns its descriptor, non-blocking.
     * The name the kernel settled on goes to {@code actualName[0]}. User errors (no permission, a
     * name taken by something that is not a multi-queue tap) are one-line IllegalArgumentExceptions.
     */
    static int openQueue(String device, String name, String[] actualName) {
        int fd;
        try {
            fd = Syscalls.open(CLONE_DEVICE, Syscalls.O_RDWR | Syscalls.O_NONBLOCK | Syscalls.O_CLOEXEC, 0);
        } catch (SysException e) {
            throw switch (e.errno()) {
                case Errno.EPERM, Errno.EACCES -> needsNetAdmin(device);
                case Errno.ENOENT, Errno.ENODEV, ENXIO -> new IllegalArgumentException(device + ": " + CLONE_DEVICE
                        + " does not exist: load the tun module (modprobe tun); creating a tap device needs CAP_NET_ADMIN (run as root)");
                default -> e;
            };
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = ifreq(arena, name);
            ifr.set(JAVA_SHORT, IFR_UNION, (short) (IFF_TAP | IFF_NO_PI | IFF_MULTI_QUEUE));
            try {
                Sockets.ioctl(fd, TUNSETIFF, ifr, "TUNSETIFF " + name);
            } catch (SysException e) {
                throw setIffFailure(device, name, e);
            }
            actualName[0] = ifr.getString(0, StandardCharsets.US_ASCII);
            return fd;
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    private static RuntimeException setIffFailure(String device, String name, SysException e) {
        return switch (e.errno()) {
            case Errno.EPERM, Errno.EACCES -> needsNetAdmin(device);
            case Errno.EINVAL -> new IllegalArgumentException(device + ": interface '" + name
                    + "' exists and is not a multi-queue tap device (" + TapInterfaces.describe(name)
                    + "): pick another iface= name");
            case Errno.EBUSY -> new IllegalArgumentException(device + ": tap '" + name
                    + "' is busy (it is exclusive, or has no queue slot left): pick another iface= name");
            default -> new IllegalArgumentException(device + ": cannot open tap '" + name + "': " + e.getMessage());
        };
    }

    static IllegalArgumentException needsNetAdmin(String device) {
        return new IllegalArgumentException(device + ": creating a tap device needs CAP_NET_ADMIN (run as root)");
    }

    /** The tap's hardware address, asked through its queue descriptor (works in any namespace the fd came from). */
    static MacAddress macAddress(int tunFd, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = ifreq(arena, name);
            Sockets.ioctl(tunFd, SIOCGIFHWADDR, ifr, "SIOCGIFHWADDR " + name);
            long bits = 0;
            for (int i = 0; i < 6; i++) {
                bits = bits << 8 | (ifr.get(JAVA_BYTE, IFR_UNION + 2 + i) & 0xff);
            }
            return new MacAddress(bits);
        }
    }

    /** Sets the tap's hardware address (what the kernel puts as source of the frames it sends). */
    static void macAddress(int tunFd, String name, MacAddress mac) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = ifreq(arena, name);
            ifr.set(JAVA_SHORT, IFR_UNION, ARPHRD_ETHER);
            for (int i = 0; i < 6; i++) {
                ifr.set(JAVA_BYTE, IFR_UNION + 2 + i, (byte) mac.octet(i));
            }
            Sockets.ioctl(tunFd, SIOCSIFHWADDR, ifr, "SIOCSIFHWADDR " + name);
        }
    }

    /**
     * Sets or clears IFF_UP on interface {@code name} of this process's network namespace.
     * Returns false when the interface is not here (moved to another namespace).
     */
    static boolean setUp(String name, boolean up) {
        int sock = Sockets.socket(Sockets.AF_INET, Sockets.SOCK_DGRAM | Sockets.SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = ifreq(arena, name);
            try {
                Sockets.ioctl(sock, SIOCGIFFLAGS, ifr, "SIOCGIFFLAGS " + name);
            } catch (SysException e) {
                if (e.errno() == Errno.ENODEV) {
                    return false;
                }
                throw e;
            }
            short flags = ifr.get(JAVA_SHORT, IFR_UNION);
            short wanted = (short) (up ? flags | IFF_UP : flags & ~IFF_UP);
            if (wanted != flags) {
                ifr.set(JAVA_SHORT, IFR_UNION, wanted);
                Sockets.ioctl(sock, SIOCSIFFLAGS, ifr, "SIOCSIFFLAGS " + name);
            }
            return true;
        } finally {
            Syscalls.close(sock);
        }
    }

    private static MemorySegment ifreq(Arena arena, String name) {
        MemorySegment ifr = arena.allocate(IFREQ_SIZE, 8);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, ifr, JAVA_BYTE, 0, Math.min(bytes.length, IFNAMSIZ - 1));
        return ifr;
    }
}
