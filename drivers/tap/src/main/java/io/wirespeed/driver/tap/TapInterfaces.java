package io.wirespeed.driver.tap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What /sys/class/net says about a would-be tap interface, for error messages. */
final class TapInterfaces {
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private TapInterfaces() {
    }

    /** Why interface {@code name} cannot serve as a multi-queue tap, in a few words. */
    static String describe(String name) {
        Path dir = SYS_CLASS_NET.resolve(name);
        if (!Files.isDirectory(dir)) {
            return "it is not in this network namespace";
        }
        int flags;
        try {
            flags = Integer.decode(Files.readString(dir.resolve("tun_flags")).strip());
        } catch (IOException | NumberFormatException e) {
            return "it is not a tun/tap device";
        }
        if ((flags & TunControl.IFF_TAP) == 0) {
            return "it is a tun (layer 3) device";
        }
        if ((flags & TunControl.IFF_MULTI_QUEUE) == 0) {
            return "it is a single-queue tap; 'ip tuntap add mode tap name " + name + " multi_queue' makes one this driver can use";
        }
        return "tun flags 0x" + Integer.toHexString(flags);
    }
}
