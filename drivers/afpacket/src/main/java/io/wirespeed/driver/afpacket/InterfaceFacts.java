package io.wirespeed.driver.afpacket;

import io.wirespeed.ethdev.LinkStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What /sys/class/net says about an interface of this network namespace: operational state,
 * speed, MTU, counters. Read on the control path only.
 */
final class InterfaceFacts {
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private InterfaceFacts() {
    }

    /** Up when operstate is "up" (or "unknown", which drivers without carrier reporting say); speed 0 when unknown. */
    static LinkStatus link(String iface) {
        String state = read(iface, "operstate");
        if (!"up".equals(state) && !"unknown".equals(state)) {
            return LinkStatus.DOWN;
        }
        long speed = number(read(iface, "speed"));
        boolean full = !"half".equals(read(iface, "duplex"));
        return new LinkStatus(true, speed > 0 && speed <= Integer.MAX_VALUE ? (int) speed : 0, full);
    }

    /** The MTU, or 1500 when it cannot be read. */
    static int mtu(String iface) {
        long mtu = number(read(iface, "mtu"));
        return mtu > 0 && mtu <= 65535 ? (int) mtu : 1500;
    }

    /** A counter from statistics/, or -1. */
    static long statistic(String iface, String counter) {
        return number(read(iface, "statistics/" + counter));
    }

    private static String read(String iface, String file) {
        try {
            return Files.readString(SYS_CLASS_NET.resolve(iface).resolve(file)).strip();
        } catch (IOException e) {
            return ""; // e.g. speed of a link that is down: EINVAL
        }
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
