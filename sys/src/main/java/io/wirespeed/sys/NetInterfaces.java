package io.wirespeed.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Network interfaces of the current network namespace, by name. */
public final class NetInterfaces {
    private static final MethodHandle IF_NAMETOINDEX = Libc.call("if_nametoindex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private NetInterfaces() {
    }

    /**
     * The interface index of {@code name}; an interface that does not exist fails with one line
     * that lists the ones that do.
     */
    public static int index(String name) {
        int index;
        try (Arena arena = Arena.ofConfined()) {
            index = (int) IF_NAMETOINDEX.invokeExact(arena.allocateFrom(name));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (index == 0) {
            throw new IllegalArgumentException("interface '" + name + "' does not exist (interfaces here: "
                    + String.join(", ", names()) + ")");
        }
        return index;
    }

    public static boolean exists(String name) {
        return Files.exists(SYS_CLASS_NET.resolve(name));
    }

    /** The interfaces /sys/class/net lists, sorted. */
    public static List<String> names() {
        try (Stream<Path> entries = Files.list(SYS_CLASS_NET)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A counter from /sys/class/net/NAME/statistics (e.g. rx_packets), or -1 if unreadable. */
    public static long statistic(String name, String counter) {
        try {
            return Long.parseLong(Files.readString(SYS_CLASS_NET.resolve(name).resolve("statistics").resolve(counter)).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
