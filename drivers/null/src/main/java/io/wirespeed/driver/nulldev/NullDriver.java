package io.wirespeed.driver.nulldev;

import io.wirespeed.ethdev.Devargs;
import io.wirespeed.ethdev.Driver;
import io.wirespeed.ethdev.PortBackend;
import java.util.Set;

/**
 * {@code net_null}: a device with no wire. Receiving hands out {@code size}-byte packets fresh from
 * the pool, transmitting frees them; with {@code copy=1} both also copy the bytes, as DPDK's
 * null PMD does. It measures what the kit itself costs per packet.
 */
public final class NullDriver implements Driver {
    static final int DEFAULT_SIZE = 64;

    @Override
    public String name() {
        return "net_null";
    }

    @Override
    public Set<String> keys() {
        return Set.of("size", "copy", "no-rx");
    }

    @Override
    public String description() {
        return "null device: rx hands out size-byte packets from the pool, tx frees them (copy=1 touches the bytes)";
    }

    @Override
    public PortBackend open(Devargs args) {
        int size = args.intValue("size", DEFAULT_SIZE, 1, 65535);
        boolean copy = args.flag("copy", false);
        boolean noRx = args.flag("no-rx", false);
        return new NullBackend(args.name(), size, copy, noRx);
    }
}
