package io.wirespeed.sys;

import java.io.PrintStream;

/**
 * One-line notices to standard error, e.g. {@code "wirespeed: memory: no 2 MiB hugepages ..."}.
 * The kit says little: a fallback it took, a limit it hit. Tests silence it with {@link #quiet}.
 */
public final class Log {
    private static volatile boolean quiet = Boolean.getBoolean("wirespeed.quiet");
    private static volatile PrintStream out = System.err;

    private Log() {
    }

    public static void info(String component, String message) {
        if (!quiet) {
            out.println("wirespeed: " + component + ": " + message);
        }
    }

    public static void quiet(boolean on) {
        quiet = on;
    }

    /** Redirects notices (tests capture them). */
    public static void to(PrintStream stream) {
        out = stream;
    }
}
