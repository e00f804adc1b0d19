package dev.upgradeassist.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process of a stack as data: its name (log file, state file, marker), the arguments after {@code java},
 * environment variables added to the inherited ones, the ports that accept connections once it is ready and,
 * for a service, its health URL.
 */
public record ProcessSpec(String name, List<String> javaArgs, Map<String, String> environment,
                          List<Integer> readyPorts, Optional<String> healthUrl) {

    public ProcessSpec {
        javaArgs = List.copyOf(javaArgs);
        environment = Map.copyOf(environment);
        readyPorts = List.copyOf(readyPorts);
    }

    /** The same process with further program arguments appended. */
    public ProcessSpec withArgs(List<String> more) {
        List<String> args = new ArrayList<>(javaArgs);
        args.addAll(more);
        return new ProcessSpec(name, args, environment, readyPorts, healthUrl);
    }

    /** The same process with further environment variables. */
    public ProcessSpec withEnvironment(Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(more);
        return new ProcessSpec(name, javaArgs, env, readyPorts, healthUrl);
    }

    public ProcessSpec withName(String other) {
        return new ProcessSpec(other, javaArgs, environment, readyPorts, healthUrl);
    }
}
