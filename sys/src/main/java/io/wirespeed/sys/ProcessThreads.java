package io.wirespeed.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The threads of this process as the kernel sees them (/proc/self/task): the JVM's own threads,
 * its JIT compilers and GC workers among them, have no {@link Thread} object to reach them by, but
 * they have a kernel id that {@link Affinity#setThread} takes.
 */
public final class ProcessThreads {
    private static final Path TASKS = Path.of("/proc/self/task");

    private ProcessThreads() {
    }

    /** The kernel ids of the process's threads now, ascending. A thread may end right after. */
    public static int[] ids() {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.mapToInt(task -> Integer.parseInt(task.getFileName().toString())).sorted().toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list this process's threads in " + TASKS, e);
        }
    }

    /** Thread {@code tid}'s name as the kernel has it (at most 15 characters), or null if it ended. */
    public static String name(int tid) {
        try {
            return Files.readString(TASKS.resolve(Integer.toString(tid)).resolve("comm")).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read thread " + tid + "'s name", e);
        }
    }
}
