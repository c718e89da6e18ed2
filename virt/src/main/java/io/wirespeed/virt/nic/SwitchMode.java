package io.wirespeed.virt.nic;

import java.util.Locale;

/**
 * The NIC's internal switch: VEB loops frames between its functions back inside the NIC; VEPA
 * sends every frame a function transmits to the wire (the adjacent switch decides).
 */
public enum SwitchMode {
    VEB, VEPA;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SwitchMode parse(String text) {
        for (SwitchMode m : values()) {
            if (m.word().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("switch mode must be veb or vepa (got '" + text + "')");
    }
}
