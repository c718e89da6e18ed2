package io.wirespeed.ethdev;

import java.util.Set;

/**
 * A poll-mode driver: makes ports from devargs. Found through {@link java.util.ServiceLoader}, so a
 * driver module lists its drivers in META-INF/services/io.wirespeed.ethdev.Driver.
 */
public interface Driver {
    /** The name a device name starts with, e.g. {@code net_null} for {@code net_null0}. */
    String name();

    /** The devargs keys the driver understands. */
    Set<String> keys();

    /** One line for listings, e.g. "null device: rx makes packets, tx frees them". */
    String description();

    /**
     * Creates the driver side of a port. Validates the devargs (unknown key, bad value: an
     * IllegalArgumentException with one clear line) before acquiring anything.
     */
    PortBackend open(Devargs args);
}
