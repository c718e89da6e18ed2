package io.wirespeed.driver.pcap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The regular files that this JVM's pcap ports read or write. Writing a file truncates it, and a
 * mapped file that shrinks under its reader faults on the next access, so a port may not write
 * a file another port reads or writes. Devices such as /dev/null are not tracked.
 */
final class FilesInUse {
    private static final Map<Path, String> WRITERS = new HashMap<>();
    private static final Map<Path, Integer> READERS = new HashMap<>();

    private FilesInUse() {
    }

    /** The key for a file: its real path, or its directory's real path and its name when it does not exist yet. */
    static Path key(String file) {
        Path p = Path.of(file).toAbsolutePath().normalize();
        try {
            if (Files.exists(p)) {
                return Files.isRegularFile(p) ? p.toRealPath() : null;
            }
            Path dir = p.getParent();
            return dir != null && Files.isDirectory(dir) ? dir.toRealPath().resolve(p.getFileName()) : p;
        } catch (IOException e) {
            return p;
        }
    }

    static synchronized void addReader(String device, Path key) {
        String writer = WRITERS.get(key);
        if (writer != null) {
            throw new IllegalArgumentException(device + ": " + key + " is being written by " + writer
                    + "; read it after that port is closed");
        }
        READERS.merge(key, 1, Integer::sum);
    }

    static synchronized void removeReader(Path key) {
        READERS.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    static synchronized void addWriter(String device, Path key) {
        String writer = WRITERS.get(key);
        if (writer != null) {
            throw new IllegalArgumentException(device + ": " + key + " is already being written by " + writer);
        }
        if (READERS.containsKey(key)) {
            throw new IllegalArgumentException(device + ": " + key + " is being read by a pcap port; writing it would"
                    + " truncate it under that port (write to another file)");
        }
        WRITERS.put(key, device);
    }

    static synchronized void removeWriter(Path key) {
        WRITERS.remove(key);
    }
}
