package io.wirespeed.virt.nic;

import java.util.Locale;

/** A VF's link as the PF sets it ({@code ip link set ... vf N state}): follow the uplink, or force it. */
public enum LinkState {
    AUTO, ENABLE, DISABLE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LinkState parse(String text) {
        for (LinkState s : values()) {
            if (s.word().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("VF link state must be auto, enable or disable (got '" + text + "')");
    }
}
