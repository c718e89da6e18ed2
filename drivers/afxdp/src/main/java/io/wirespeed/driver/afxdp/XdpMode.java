package io.wirespeed.driver.afxdp;

import java.util.Locale;

/** Where the XDP program runs: in the driver (native), in the generic skb path, or native when the driver can. */
enum XdpMode {
    /** Native XDP: the driver runs the program before it builds an skb. */
    DRV("native"),
    /** Generic XDP: the program runs on the skb, after the driver; works on every interface. */
    SKB("generic"),
    /** The default: native, or generic with one log line when the driver has no native XDP. */
    AUTO("native, else generic");

    private final String description;

    XdpMode(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** The devargs value {@code drv} or {@code skb}; absent means {@link #AUTO}. */
    static XdpMode parse(String device, String value) {
        if (value == null) {
            return AUTO;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "drv", "native" -> DRV;
            case "skb", "generic" -> SKB;
            default -> throw new IllegalArgumentException(device + ": mode=" + value
                    + " is not an XDP mode (valid: drv, skb; without mode= drv is tried first, then skb)");
        };
    }
}
