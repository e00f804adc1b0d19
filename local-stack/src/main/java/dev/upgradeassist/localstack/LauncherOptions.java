package dev.upgradeassist.localstack;

import java.nio.file.Path;

/**
 * Reads a launcher option from {@code --name=value} arguments, then the system property
 * {@code localstack.<name>}, then the default.
 */
final class LauncherOptions {

    private final String[] args;

    LauncherOptions(String[] args) {
        this.args = args.clone();
    }

    String get(String name, String defaultValue) {
        String prefix = "--" + name + "=";
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                return arg.substring(prefix.length());
            }
        }
        return System.getProperty("localstack." + name, defaultValue);
    }

    int getInt(String name, int defaultValue) {
        return Integer.parseInt(get(name, Integer.toString(defaultValue)));
    }

    Path getPath(String name, String defaultValue) {
        return Path.of(get(name, defaultValue)).toAbsolutePath().normalize();
    }
}
