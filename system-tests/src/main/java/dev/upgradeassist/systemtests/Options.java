package dev.upgradeassist.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name=value} options of the full suite, with their defaults. */
final class Options {

    private final Map<String, String> values = new HashMap<>();
    final List<String> raw;

    Options(String[] args) {
        raw = List.of(args);
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg + " (options are --name=value)");
            }
            String[] kv = arg.substring(2).split("=", 2);
            values.put(kv[0], kv.length == 2 ? kv[1] : "true");
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    int getInt(String name, int defaultValue) {
        return Integer.parseInt(get(name, Integer.toString(defaultValue)));
    }

    double getDouble(String name, double defaultValue) {
        return Double.parseDouble(get(name, Double.toString(defaultValue)));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(get(name, "false"));
    }

    List<String> list(String name, String defaultValue) {
        String v = get(name, defaultValue).trim();
        return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
    }

    /** The repository: --repo, or the nearest directory upwards that holds local-stack/ and pom.xml. */
    Path repo() {
        if (values.containsKey("repo")) {
            return Path.of(values.get("repo")).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("local-stack")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("run from inside the repository, or pass --repo=<path>");
    }
}
