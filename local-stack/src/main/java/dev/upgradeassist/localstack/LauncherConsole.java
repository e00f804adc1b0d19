package dev.upgradeassist.localstack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the launcher prints: progress on standard output, warnings (yellow) and failures (red) on standard error,
 * colours only on a terminal, paths relative to the repository, the end of a failed process's log.
 */
final class LauncherConsole {

    private final PrintStream out = System.out;
    private final boolean color = System.console() != null;
    private final Path repo;

    LauncherConsole(Path repo) {
        this.repo = repo;
    }

    PrintStream out() {
        return out;
    }

    void say(String line) {
        out.println(line);
    }

    String yellow(String text) {
        return color ? "\033[33m" + text + "\033[0m" : text;
    }

    void warn(String line) {
        System.err.println(yellow(line));
    }

    void fail(String line) {
        System.err.println(color ? "\033[31m" + line + "\033[0m" : line);
    }

    /** {@code path} relative to the repository when it lies inside it. */
    String relative(Path path) {
        return path.startsWith(repo) ? repo.relativize(path).toString() : path.toString();
    }

    void showLogTail(JavaProcess process) {
        Path log = process.log();
        if (Files.isRegularFile(log)) {
            fail("---- end of " + relative(log) + " (stack frames left out) ----");
            System.err.println(LogTail.of(log, 40, true));
            fail("---- full log: " + relative(log) + " ----");
        }
    }
}
