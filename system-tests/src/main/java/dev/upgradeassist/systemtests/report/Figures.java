package dev.upgradeassist.systemtests.report;

/**
 * The arithmetic behind the report's figures and pass lines: rates, ratios, shares and thresholds.
 * Pure functions, so that what the report prints can be checked without a stack.
 */
public final class Figures {

    /** The pass line of the load phase and the capacity steps: p99 submit → first email within a second. */
    public static final double FIRST_MAIL_P99_LIMIT_MS = 1000;
    /** A burst must be fully processed within two minutes. */
    public static final double BURST_LIMIT_SECONDS = 120;
    /** A service must answer healthy within ten seconds of its start (cold or after kill -9). */
    public static final long HEALTHY_LIMIT_MS = 10_000;

    private Figures() {
    }

    /** Seconds between two {@link System#nanoTime()} values. */
    public static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    /** How many per second; NaN when the time is unknown (NaN). */
    public static double perSecond(double count, double seconds) {
        return count / seconds;
    }

    /** Requests finished per second from the start until the last one finished; NaN when none finished (last = 0). */
    public static double completedPerSecond(long finished, long startNanos, long lastDoneNanos) {
        return lastDoneNanos > 0 ? finished / seconds(startNanos, lastDoneNanos) : Double.NaN;
    }

    /** Seconds from the start until the last one finished; NaN when none finished (last = 0). */
    public static double secondsUntil(long startNanos, long lastDoneNanos) {
        return lastDoneNanos > 0 ? seconds(startNanos, lastDoneNanos) : Double.NaN;
    }

    /** An amount divided over the requests; no request counts as one, so an empty phase shows the amount itself. */
    public static double perRequest(double amount, long requests) {
        return amount / Math.max(1, requests);
    }

    /** A share of the samples in percent (no sample counts as one). */
    public static double percentOf(long part, long whole) {
        return 100.0 * part / Math.max(1, whole);
    }

    /** CPU milliseconds over a window of milliseconds: 1.0 is one core busy all the time. */
    public static double coresBusy(long cpuMillis, double windowMillis) {
        return cpuMillis / windowMillis;
    }

    /** Cores busy as a percentage of the whole machine. */
    public static double percentOfMachine(double coresBusy, int cores) {
        return coresBusy * 100 / cores;
    }

    /** How many times the pipeline's figure is the baseline's ("12×"). */
    public static double times(double pipeline, double baseline) {
        return pipeline / baseline;
    }

    /** The pipeline's throughput as a fraction of the baseline's: the N of "1/N". */
    public static double fractionDenominator(double pipeline, double baseline) {
        return baseline / pipeline;
    }

    /** Whether a p99 submit → first email (ms) is within the limit; an unknown p99 (NaN) is not. */
    public static boolean firstMailWithinLimit(double p99Millis) {
        return p99Millis <= FIRST_MAIL_P99_LIMIT_MS;
    }

    /** Whether a burst was fully processed in time; an unknown time (NaN) is not. */
    public static boolean burstWithinLimit(double seconds) {
        return seconds <= BURST_LIMIT_SECONDS;
    }

    public static boolean healthyWithinLimit(long millis) {
        return millis <= HEALTHY_LIMIT_MS;
    }

    /**
     * The steady rate of the fault phase: the one asked for, else half the highest rate the capacity
     * steps kept up with, between 1 and 10 requests/s, else 5.
     */
    public static double faultRate(Double asked, double sustainedRate) {
        if (asked != null) {
            return asked;
        }
        return Double.isNaN(sustainedRate) ? 5 : Math.max(1, Math.min(10, Math.floor(sustainedRate / 2)));
    }

    /** Seconds from the fault until the last request submitted before it was done; NaN when one is not done (0). */
    public static double recoverySeconds(long faultNanos, long lastDoneNanos) {
        return lastDoneNanos > 0 ? Math.max(0, seconds(faultNanos, lastDoneNanos)) : Double.NaN;
    }
}
