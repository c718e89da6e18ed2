package io.wirespeed.cli;

import io.wirespeed.app.common.Json;
import io.wirespeed.virt.paths.LoadPoint;
import io.wirespeed.virt.paths.PathComparison;
import io.wirespeed.virt.paths.PathMeasurement;
import io.wirespeed.virt.paths.PathMeter;
import io.wirespeed.virt.paths.SeedClaims;
import io.wirespeed.virt.paths.VmPath;
import io.wirespeed.virt.report.HtmlReport;
import io.wirespeed.virt.report.ReportContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code demo} and {@code compare} share: run a plan with a progress bar, print the table, the claims, the report, the JSON. */
final class PathsRun {
    private PathsRun() {}

    static int run(String command, PathComparison.Plan plan, Path reportDirectory, boolean json) {
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%s: %s at %s B, %d trials (RFC 2544 zero-loss search, %.0f ms each)%n", command,
                String.join(", ", plan.paths().stream().map(VmPath::label).toList()),
                String.join(", ", plan.sizes().stream().map(String::valueOf).toList()), plan.trials(),
                plan.settings().trialSeconds() * 1e3);
        out.flush();
        long start = System.nanoTime();
        ProgressBar bar = new ProgressBar(plan.trials(), System.err);
        List<PathMeasurement> results = PathComparison.run(plan, bar);
        bar.finish();
        PathComparison.table(results).forEach(out::println);
        List<String> claims = SeedClaims.check(results);
        claims.forEach(c -> out.println("  " + c));
        if (reportDirectory != null) {
            ReportContext context = new ReportContext("Wirespeed: four ways a packet reaches a VM", ReportContext.thisHost(),
                    ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME), "wirespeed " + command, claims);
            Path file = HtmlReport.write(reportDirectory, context, results);
            out.println("report: " + file);
        }
        out.printf(Locale.ROOT, "%s took %.1f s%n", command, (System.nanoTime() - start) / 1e9);
        if (json) {
            Map<String, Object> o = PathComparison.toJson(results);
            o.put("claims", claims);
            o.put("duration_s", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
            out.println(Json.write(o));
        }
        out.flush();
        return 0;
    }

    /** A bar on standard error redrawn in place on a terminal; one line per path and size otherwise. */
    static final class ProgressBar implements PathMeter.Progress {
        private static final int WIDTH = 30;
        private final int total;
        private final PrintStream err;
        private final boolean terminal = System.console() != null;
        private int done;
        private String current = "";

        ProgressBar(int total, PrintStream err) {
            this.total = total;
            this.err = err;
        }

        @Override
        public void trialDone(VmPath path, int frameSize, LoadPoint point) {
            done++;
            String now = path.label() + " " + frameSize + " B";
            int filled = (int) ((long) WIDTH * Math.min(done, total) / total);
            String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + "  " + now
                    + String.format(Locale.ROOT, "  offered %.3f Mpps, delivered %.3f", point.offeredMpps(), point.deliveredMpps());
            if (terminal) {
                err.print("\r" + bar + "   ");
            } else if (!now.equals(current)) {
                err.println(bar);
            }
            current = now;
            err.flush();
        }

        void finish() {
            if (terminal) {
                err.println();
            }
        }
    }
}
