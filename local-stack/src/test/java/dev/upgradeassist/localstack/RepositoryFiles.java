package dev.upgradeassist.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of the repository from the module's working directory. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root (mvnw + docker-compose.yml) not found above " + Path.of("").toAbsolutePath());
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
