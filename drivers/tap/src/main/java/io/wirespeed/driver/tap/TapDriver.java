package io.wirespeed.driver.tap;

import io.wirespeed.ethdev.Devargs;
import io.wirespeed.ethdev.Driver;
import io.wirespeed.ethdev.MacAddress;
import io.wirespeed.ethdev.PortBackend;
import java.util.Set;

/**
 * {@code net_tap}: a port whose wire is a Linux tap interface, so that the kernel's network stack
 * (or anything attached to the interface: a namespace, a bridge) is its peer. What the kernel
 * sends out of the interface the port receives; what the port transmits the kernel receives on
 * the interface. Keys, as in DPDK's tap PMD:
 *
 * <ul>
 *   <li>{@code iface=NAME}: the interface (default {@code dtap%d}, numbered by the kernel). Created
 *       when absent, and then removed when the port closes; attached to, and left, when it exists
 *       (it must be a multi-queue tap: {@code ip tuntap add mode tap name NAME multi_queue}).
 *   <li>{@code mac=XX:XX:XX:XX:XX:XX} or {@code mac=fixed}: the interface's (and port's) MAC
 *       address; {@code fixed} is 02:64:74:61:70:NN ("dtap" and the device number). Default: the
 *       kernel's random address for a new interface, the existing one's otherwise.
 * </ul>
 */
public final class TapDriver implements Driver {
    static final String DEFAULT_IFACE = "dtap%d";
    /** 02:'d':'t':'a':'p':00, the base of DPDK's mac=fixed. */
    private static final long FIXED_MAC_BASE = 0x02_64_74_61_70_00L;

    @Override
    public String name() {
        return "net_tap";
    }

    @Override
    public Set<String> keys() {
        return Set.of("iface", "mac");
    }

    @Override
    public String description() {
        return "tap device: the kernel's network stack is the peer (iface=NAME created or attached, mac=ADDR|fixed)";
    }

    @Override
    public PortBackend open(Devargs args) {
        String device = args.name();
        String iface = interfaceName(device, args.string("iface", DEFAULT_IFACE));
        MacAddress mac = args.has("mac") ? mac(device, args.string("mac", "")) : null;
        TapDevice tap = TapDevice.open(device, iface);
        try {
            if (mac != null) {
                tap.macAddress(mac);
            }
            return new TapBackend(device, tap);
        } catch (RuntimeException e) {
            tap.close();
            throw e;
        }
    }

    private static String interfaceName(String device, String iface) {
        boolean valid = !iface.isEmpty() && iface.length() < TunControl.IFNAMSIZ && !iface.equals(".") && !iface.equals("..");
        for (int i = 0; valid && i < iface.length(); i++) {
            char c = iface.charAt(i);
            valid = c > ' ' && c < 0x7f && c != '/' && c != ':';
        }
        if (!valid) {
            throw new IllegalArgumentException(device + ": iface=" + iface + " is not an interface name (1 to "
                    + (TunControl.IFNAMSIZ - 1) + " characters, no '/', ':' or spaces)");
        }
        return iface;
    }

    static MacAddress mac(String device, String text) {
        if (text.equalsIgnoreCase("fixed")) {
            return new MacAddress(FIXED_MAC_BASE | instanceNumber(device) & 0xff);
        }
        MacAddress mac;
        try {
            mac = MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(device + ": mac=" + text
                    + " is not a MAC address (expected e.g. mac=02:00:00:00:00:01, or mac=fixed)");
        }
        if (mac.isMulticast() || mac.isZero()) {
            throw new IllegalArgumentException(device + ": mac=" + text + " is not a unicast address (the first octet"
                    + " must be even, e.g. 02:00:00:00:00:01)");
        }
        return mac;
    }

    /** The number a device name ends with (net_tap3 is 3), 0 if none. */
    private static int instanceNumber(String device) {
        int i = device.length();
        while (i > 0 && Character.isDigit(device.charAt(i - 1))) {
            i--;
        }
        return i == device.length() || device.length() - i > 6 ? 0 : Integer.parseInt(device.substring(i));
    }
}
