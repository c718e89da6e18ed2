package io.wirespeed.cli;

import io.wirespeed.ethdev.MacAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Options of the form {@code PORT,MAC} ({@code --eth-peer}, {@code --eth-dest}), repeated once per port. */
final class PortMacOptions {
    private PortMacOptions() {
    }

    /** The port-to-address map; a malformed value fails naming {@code option} and the value. */
    static Map<Integer, MacAddress> parse(String option, List<String> values) {
        Map<Integer, MacAddress> macs = new HashMap<>();
        for (String v : values) {
            int comma = v.indexOf(',');
            if (comma < 1) {
                throw new IllegalArgumentException(option + " " + v + ": expected PORT,MAC (e.g. 0,02:00:00:00:00:01)");
            }
            int port;
            try {
                port = Integer.parseInt(v.substring(0, comma));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0) {
                throw new IllegalArgumentException(option + " " + v + ": port '" + v.substring(0, comma) + "' is not a number");
            }
            macs.put(port, MacAddress.parse(v.substring(comma + 1)));
        }
        return macs;
    }
}
