package dev.upgradeassist.testsupport;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs test classes again and again in one JVM, so that the Spring contexts are started once and a loop of 30 runs
 * takes minutes, not an hour: the way to show that a test does not fail at random ({@code scripts/repeat-tests.sh}).
 * Prints one line per run and class, the failures in full, and a closing {@code N passed, N failed} line of runs;
 * exits non-zero when any run failed.
 * <p>
 * Arguments: the number of runs, then the fully qualified names of the test classes (or {@code Class#method}).
 */
public final class RepeatTests {

    private RepeatTests() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RepeatTests <runs> <test class>...");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        List<String> targets = List.of(args).subList(1, args.length);
        Launcher launcher = LauncherFactory.create();
        PrintWriter out = new PrintWriter(System.out, true);
        int passed = 0;
        int failed = 0;
        for (int run = 1; run <= runs; run++) {
            for (String target : targets) {
                LauncherDiscoveryRequest discovery = request().selectors(target.contains("#")
                        ? selectMethod(target) : selectClass(Class.forName(target))).build();
                SummaryGeneratingListener listener = new SummaryGeneratingListener();
                long started = System.nanoTime();
                launcher.execute(discovery, listener);
                TestExecutionSummary summary = listener.getSummary();
                boolean green = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
                out.printf("run %d/%d %s: %d tests, %d succeeded, %d failed, %d skipped, %.1f s%n", run, runs,
                        target.substring(target.lastIndexOf('.') + 1), summary.getTestsFoundCount(), summary.getTestsSucceededCount(),
                        summary.getTotalFailureCount(), summary.getTestsSkippedCount(),
                        (System.nanoTime() - started) / 1e9);
                if (green) {
                    passed++;
                } else {
                    failed++;
                    summary.printFailuresTo(out, 40);
                }
            }
        }
        out.printf("%d passed, %d failed%n", passed, failed);
        out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }
}
