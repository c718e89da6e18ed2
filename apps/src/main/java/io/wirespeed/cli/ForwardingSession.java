package io.wirespeed.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How a forwarding command runs from the command line: start, then wait until the duration
 * passes, the sources run dry, or the process is told to stop (Ctrl-C, SIGTERM), printing
 * statistics every period; then stop and return the report. A shutdown hook lets the main thread
 * print that report before the JVM exits on a signal.
 */
final class ForwardingSession {
    /** How often the main thread looks whether the sources ran dry. */
    private static final long DRAIN_CHECK_NANOS = 10_000_000;

    private ForwardingSession() {
    }

    /**
     * @param durationSeconds  how long to forward, 0 for until a signal
     * @param periodSeconds    statistics period, 0 for none
     * @param drained          true once the application stopped by itself (capture files read)
     */
    static <R> R run(String name, double durationSeconds, double periodSeconds, boolean quiet, PrintStream out,
                     Runnable start, Runnable showStats, BooleanSupplier drained, Supplier<R> stop)
            throws InterruptedException {
        CountDownLatch stopSignal = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopSignal.countDown();
            try {
                reported.await(10, TimeUnit.SECONDS); // let main print the statistics before the JVM goes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start.run();
            if (!quiet && durationSeconds <= 0) {
                out.println("Press Ctrl-C to stop forwarding.");
            }
            long now = System.nanoTime();
            long deadline = durationSeconds > 0 ? now + (long) (durationSeconds * 1e9) : Long.MAX_VALUE;
            long period = periodSeconds > 0 ? (long) (periodSeconds * 1e9) : Long.MAX_VALUE;
            long nextStats = period == Long.MAX_VALUE ? Long.MAX_VALUE : now + period;
            while ((now = System.nanoTime()) < deadline && !drained.getAsBoolean()) {
                long wait = Math.min(Math.min(deadline, nextStats) - now, DRAIN_CHECK_NANOS);
                if (stopSignal.await(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (System.nanoTime() >= nextStats) {
                    showStats.run();
                    nextStats += period;
                }
            }
            return stop.get();
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the JVM exits once it returns.
            }
        }
    }
}
