package io.wirespeed.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names unique to this test run for interfaces and namespaces: "ws" + the JVM's pid in base 36 +
 * a counter, short enough for Linux's 15-character interface names (with a one-letter suffix).
 */
public final class Names {
    private static final String PREFIX = "ws" + Long.toString(ProcessHandle.current().pid(), 36);
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Names() {
    }

    /** A fresh name, at most 13 characters. */
    public static String unique() {
        return PREFIX + Integer.toString(NEXT.getAndIncrement(), 36);
    }
}
