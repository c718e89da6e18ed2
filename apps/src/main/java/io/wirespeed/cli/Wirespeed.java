package io.wirespeed.cli;

import io.wirespeed.sys.SysException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code wirespeed <command>}: the kit's one command line. A mistake the user can fix (bad
 * option, bad devargs, missing permission) ends with one line on standard error and exit code 2;
 * anything else with one line and exit code 1 (the stack trace only with WIRESPEED_DEBUG=1).
 */
@Command(name = "wirespeed", mixinStandardHelpOptions = true, version = "wirespeed 0.1.0",
        description = "A data-plane development kit for the JVM.",
        subcommands = {TestpmdCommand.class, L2fwdCommand.class, L3fwdCommand.class, RunCommand.class,
                NicCommand.class, VmCommand.class, VSwitchCommand.class, DemoCommand.class, CompareCommand.class, PlanCommand.class,
                CommandLine.HelpCommand.class})
public final class Wirespeed {
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILURE = 1;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Wirespeed());
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            // One line, as for every other user error: what was wrong, then where to look.
            err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage() + " (try '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options)");
            err.flush();
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String name = commandLine.getCommandName();
            int code;
            if (isUsersToFix(e)) {
                err.println(name + ": " + e.getMessage());
                code = EXIT_USAGE;
            } else {
                err.println(name + ": internal error: " + e + " (run with WIRESPEED_DEBUG=1 for the stack trace)");
                code = EXIT_FAILURE;
            }
            if (System.getenv("WIRESPEED_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        return cli.execute(args);
    }

    /** Errors whose message tells the user what to change: bad arguments, refused system calls. */
    static boolean isUsersToFix(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof SysException || e instanceof UserError;
    }

    /** Thrown by commands for a condition the user must fix, with the line to show. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }
}
