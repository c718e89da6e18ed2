package io.wirespeed.driver.afxdp;

import io.wirespeed.sys.Errno;
import io.wirespeed.sys.Log;
import io.wirespeed.sys.SysException;
import io.wirespeed.sys.Syscalls;

/**
 * The built-in XDP program attached to one interface, with its XSKMAP: frames of a receive queue
 * whose slot in the map holds an AF_XDP socket go to that socket, all others to the kernel's
 * stack. The attachment is a bpf_link: closing it (or the process ending, however it ends)
 * detaches the program, so an interface is never left redirecting into sockets that are gone.
 */
final class XdpProgram implements AutoCloseable {
    private final String device;
    private final String iface;
    private final int mapFd;
    private final int progFd;
    private final int linkFd;
    private final XdpMode mode;
    private boolean closed;

    private XdpProgram(String device, String iface, int mapFd, int progFd, int linkFd, XdpMode mode) {
        this.device = device;
        this.iface = iface;
        this.mapFd = mapFd;
        this.progFd = progFd;
        this.linkFd = linkFd;
        this.mode = mode;
    }

    /**
     * Creates the map ({@code mapEntries} queue slots), loads the program and attaches it to
     * {@code iface} in {@code requested} mode. Fails with one line, having closed whatever it made.
     */
    static XdpProgram attach(String device, String iface, int ifindex, int mapEntries, XdpMode requested) {
        int mapFd = -1;
        int progFd = -1;
        try {
            mapFd = Bpf.createXskMap(mapEntries, "ws_xsks");
            progFd = Bpf.loadXdpProgram(XskRedirectProgram.instructions(mapFd), XskRedirectProgram.NAME);
            XdpMode used = requested == XdpMode.SKB ? XdpMode.SKB : XdpMode.DRV;
            int linkFd;
            try {
                linkFd = link(device, iface, ifindex, progFd, used);
            } catch (SysException e) {
                if (requested != XdpMode.AUTO || !noNativeXdp(e)) {
                    throw e;
                }
                Log.info("net_af_xdp", device + ": " + iface + " refused native XDP (" + Errno.name(e.errno())
                        + "); using generic XDP (mode=skb)");
                used = XdpMode.SKB;
                linkFd = link(device, iface, ifindex, progFd, used);
            }
            return new XdpProgram(device, iface, mapFd, progFd, linkFd, used);
        } catch (SysException e) {
            closeQuietly(progFd);
            closeQuietly(mapFd);
            throw e.call().startsWith("bpf(BPF_LINK_CREATE") ? linkError(e, device, iface, requested)
                    : AfXdpErrors.translate(e, device, iface, "load the XDP program for " + iface);
        } catch (RuntimeException e) {
            closeQuietly(progFd);
            closeQuietly(mapFd);
            throw e;
        }
    }

    private static int link(String device, String iface, int ifindex, int progFd, XdpMode mode) {
        return Bpf.attachXdp(progFd, ifindex, mode == XdpMode.SKB ? Bpf.XDP_FLAGS_SKB_MODE : Bpf.XDP_FLAGS_DRV_MODE);
    }

    /**
     * Native attach failed for a reason generic XDP does not share: no native XDP in the driver
     * (EOPNOTSUPP) or a driver limit such as veth's MTU or queue checks (ERANGE, ENOSPC, EINVAL).
     * Permissions and an interface already taken fail the same way in both modes.
     */
    private static boolean noNativeXdp(SysException e) {
        int errno = e.errno();
        return errno != Errno.EPERM && errno != Errno.EACCES && errno != Errno.EBUSY && errno != Errno.EEXIST;
    }

    private static RuntimeException linkError(SysException e, String device, String iface, XdpMode requested) {
        if (e.errno() == Errno.EBUSY || e.errno() == Errno.EEXIST) {
            return new IllegalArgumentException(device + ": " + iface + " already has an XDP program attached (another "
                    + "port or process?); see 'ip link show " + iface + "', detach it with 'ip link set dev " + iface
                    + " xdp off'");
        }
        if (requested == XdpMode.DRV && noNativeXdp(e)) {
            return new IllegalArgumentException(device + ": " + iface + " refused native XDP (" + Errno.name(e.errno())
                    + ": " + Errno.description(e.errno()) + "); use mode=skb");
        }
        return AfXdpErrors.translate(e, device, iface, "attach the XDP program to " + iface);
    }

    /** Directs the frames of receive queue {@code queue} to the AF_XDP socket {@code socketFd}. */
    void redirect(int queue, int socketFd) {
        try {
            Bpf.updateElement(mapFd, queue, socketFd);
        } catch (SysException e) {
            throw AfXdpErrors.translate(e, device, iface, "direct queue " + queue + " of " + iface + " to its socket");
        }
    }

    /** Gives receive queue {@code queue} back to the kernel's stack. */
    void unredirect(int queue) {
        try {
            Bpf.deleteElement(mapFd, queue);
        } catch (SysException e) {
            throw AfXdpErrors.translate(e, device, iface, "take queue " + queue + " of " + iface + " back");
        }
    }

    /** The mode the program runs in: {@link XdpMode#DRV} or {@link XdpMode#SKB}, never AUTO. */
    XdpMode mode() {
        return mode;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The link first: once it is gone the program no longer runs on the interface.
        closeQuietly(linkFd);
        closeQuietly(progFd);
        closeQuietly(mapFd);
    }

    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                Syscalls.close(fd);
            } catch (SysException ignored) {
                // Nothing to do about a descriptor that will not close; it is not ours any more.
            }
        }
    }
}
