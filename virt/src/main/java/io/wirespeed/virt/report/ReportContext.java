package io.wirespeed.virt.report;

import java.util.List;
import java.util.Objects;

/**
 * What the report says about the run around the numbers: a title, the machine it ran on (cores,
 * JDK, kernel), when, the command that produced it, and free-form notes. Null text becomes empty.
 */
public record ReportContext(String title, String host, String date, String command, List<String> notes) {
    public ReportContext {
        title = Objects.requireNonNullElse(title, "");
        host = Objects.requireNonNullElse(host, "");
        date = Objects.requireNonNullElse(date, "");
        command = Objects.requireNonNullElse(command, "");
        notes = notes == null ? List.of() : notes.stream().map(n -> Objects.requireNonNullElse(n, "")).toList();
    }

    /** This machine as the report describes it: its cores, the JDK, and the operating system with its version. */
    public static String thisHost() {
        return Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")";
    }
}
