package io.wirespeed.ethdev;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

/** The drivers on the class path, and the ports made from devargs strings (DPDK's --vdev). */
public final class DriverRegistry {
    private final List<Driver> drivers;

    private DriverRegistry(List<Driver> drivers) {
        this.drivers = List.copyOf(drivers);
    }

    /** Every driver that {@link ServiceLoader} finds. */
    public static DriverRegistry load() {
        List<Driver> found = new ArrayList<>();
        ServiceLoader.load(Driver.class).forEach(found::add);
        found.sort(Comparator.comparing(Driver::name));
        return new DriverRegistry(found);
    }

    public static DriverRegistry of(Driver... drivers) {
        return new DriverRegistry(List.of(drivers));
    }

    public List<Driver> drivers() {
        return drivers;
    }

    /**
     * The driver for a device name: the registered name that is its longest prefix (so that
     * {@code net_ring0} finds {@code net_ring}).
     */
    public Driver driverFor(String deviceName) {
        Driver best = null;
        for (Driver d : drivers) {
            if (deviceName.startsWith(d.name()) && (best == null || d.name().length() > best.name().length())) {
                best = d;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no driver for device '" + deviceName + "' (valid drivers: "
                    + String.join(", ", drivers.stream().map(Driver::name).toList()) + ")");
        }
        return best;
    }

    /** Opens a port from a devargs string with the given port id. */
    public Port open(int portId, String devargs) {
        return open(portId, devargs, UnaryOperator.identity());
    }

    /**
     * Opens a port whose backend is the driver's wrapped by {@code decorator}, e.g. in a
     * {@link SteeredPortBackend} to give it software receive queues and flow steering.
     */
    public Port open(int portId, String devargs, UnaryOperator<PortBackend> decorator) {
        Devargs args = Devargs.parse(devargs);
        Driver driver = driverFor(args.name());
        args.requireOnly(driver.keys());
        return new Port(portId, args.name(), driver.name(), decorator.apply(driver.open(args)));
    }
}
