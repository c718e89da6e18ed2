package io.wirespeed.app.l3fwd;

import java.util.Locale;

/** How l3fwd finds a packet's output port ({@code --lookup}). */
public enum LookupMode {
    /** Longest-prefix match on the destination address (DIR-24-8). */
    LPM,
    /** Exact match: host routes on the destination address and 5-tuple routes (cuckoo hash). */
    EM,
    /** Multi-field rules: routes and deny rules over the 5-tuple, highest priority wins. */
    ACL;

    /** "lpm", "em" or "acl"; anything else fails naming the choices. */
    public static LookupMode parse(String text) {
        for (LookupMode m : values()) {
            if (m.name().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--lookup '" + text + "' is not one of lpm, em, acl");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
