package dev.upgradeassist.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The launcher's command line, parsed: {@code [options] [up|down|status|wipe|kafka TOOL ...|help] [options]}. */
public record LauncherArgs(Command command, boolean detach, boolean infraOnly, boolean keepGoing, Set<AppService> without,
                           Path repo, long buildStartedMillis, boolean buildFailed, List<String> toolArgs) {

    public enum Command { UP, DOWN, STATUS, WIPE, KAFKA, HELP }

    public LauncherArgs {
        without = Set.copyOf(without);
        toolArgs = List.copyOf(toolArgs);
    }

    /** The services {@code up} starts: none with {@code --infra-only}, else all but {@code --without}. */
    public List<AppService> servicesToStart() {
        return infraOnly ? List.of() : Arrays.stream(AppService.values()).filter(s -> !without.contains(s)).toList();
    }

    public static LauncherArgs parse(List<String> args) {
        Command command = null;
        boolean detach = false;
        boolean infraOnly = false;
        boolean keepGoing = false;
        Set<AppService> without = new LinkedHashSet<>();
        Path repo = Path.of("").toAbsolutePath();
        long buildStarted = 0;
        boolean buildFailed = false;
        List<String> toolArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            String option = value == null ? arg : arg.substring(0, arg.indexOf('='));
            switch (option) {
                case "--detach" -> detach = true;
                case "--infra-only" -> infraOnly = true;
                case "--keep-going" -> keepGoing = true;
                case "--no-build" -> { } // run-local.sh's: the build happens before the launcher runs
                case "--without" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException("--without needs a service name");
                        }
                        value = args.get(++i);
                    }
                    for (String name : value.split(",")) {
                        without.add(AppService.byId(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                                "--without: no service '" + name + "' (services: " + serviceNames() + ")")));
                    }
                }
                case "--repo" -> repo = Path.of(required(option, value)).toAbsolutePath().normalize();
                case "--build-started" -> buildStarted = Long.parseLong(required(option, value));
                case "--build-failed" -> buildFailed = true;
                case "-h", "--help", "help" -> command = set(command, Command.HELP, arg);
                case "up", "start" -> command = set(command, Command.UP, arg);
                case "down", "stop" -> command = set(command, Command.DOWN, arg);
                case "status" -> command = set(command, Command.STATUS, arg);
                case "wipe" -> command = set(command, Command.WIPE, arg);
                case "kafka" -> {
                    command = set(command, Command.KAFKA, arg);
                    toolArgs.addAll(args.subList(i + 1, args.size()));
                    i = args.size();
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (command == null) {
            command = Command.UP;
        }
        if (command != Command.UP && (detach || infraOnly || keepGoing || !without.isEmpty())) {
            throw new IllegalArgumentException("--detach, --infra-only, --keep-going and --without go with up only");
        }
        return new LauncherArgs(command, detach, infraOnly, keepGoing, without, repo, buildStarted, buildFailed, toolArgs);
    }

    private static Command set(Command current, Command next, String arg) {
        if (current != null && current != next) {
            throw new IllegalArgumentException("one command only: " + current.name().toLowerCase() + " and " + arg);
        }
        return next;
    }

    private static String required(String option, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(option + "=<value> expected");
        }
        return value;
    }

    static String serviceNames() {
        return String.join(", ", Arrays.stream(AppService.values()).map(AppService::id).toList());
    }
}
