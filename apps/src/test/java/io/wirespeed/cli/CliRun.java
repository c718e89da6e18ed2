package io.wirespeed.cli;

import io.wirespeed.sys.Log;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One in-process run of the real command line ({@link Wirespeed#run}) with standard output and
 * standard error captured, the kit's notices ({@link Log}) included: what a user would see.
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withInput("", args);
    }

    /** A run that reads {@code input} as its standard input. */
    static synchronized CliRun withInput(String input, String... args) {
        InputStream savedIn = System.in;
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        System.setOut(outStream);
        System.setErr(errStream);
        Log.to(errStream);
        Log.quiet(false);
        try {
            int code = Wirespeed.run(args);
            outStream.flush();
            errStream.flush();
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(savedIn);
            System.setOut(savedOut);
            System.setErr(savedErr);
            Log.to(savedErr);
            Log.quiet(true);
        }
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** The last line of standard output. */
    String lastOutLine() {
        List<String> lines = outLines();
        return lines.isEmpty() ? "" : lines.getLast();
    }
}
