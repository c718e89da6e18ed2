package io.wirespeed.driver.afxdp;

import io.wirespeed.sys.Errno;
import io.wirespeed.sys.SysException;

/**
 * Turns what the kernel said into the one line a user can act on. Errors that mean "you cannot
 * do this here" (permissions, no AF_XDP, an interface already taken) become an
 * IllegalArgumentException naming the device and what to do; anything else stays a
 * {@link SysException}, prefixed with the device name.
 */
final class AfXdpErrors {
    static final int EAFNOSUPPORT = 97;
    static final int EEXIST = Errno.EEXIST;

    private AfXdpErrors() {
    }

    static IllegalArgumentException noPermission(String device) {
        return new IllegalArgumentException(device
                + ": AF_XDP needs CAP_NET_ADMIN and CAP_BPF (or CAP_SYS_ADMIN) — run as root");
    }

    static IllegalArgumentException noAfXdp(String device, String iface) {
        return new IllegalArgumentException(device + ": this kernel has no AF_XDP sockets; use net_af_packet0,iface="
                + iface);
    }

    /**
     * The user-facing form of {@code e}, raised while doing {@code what} (e.g. "attach the XDP
     * program to veth0") on {@code iface}.
     */
    static RuntimeException translate(SysException e, String device, String iface, String what) {
        return switch (e.errno()) {
            case Errno.EPERM, Errno.EACCES -> e.call().startsWith("bpf(BPF_PROG_LOAD") && e.call().contains("verifier")
                    ? new IllegalStateException(device + ": the kernel refused the XDP program: " + e.getMessage(), e)
                    : noPermission(device);
            case EAFNOSUPPORT -> noAfXdp(device, iface);
            default -> new SysException(device + ": " + what + ": " + e.call(), e.errno());
        };
    }
}
