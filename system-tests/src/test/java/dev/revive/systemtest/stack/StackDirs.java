package dev.revive.systemtest.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The stack's folder under the module's {@code target/}: logs, pids, mailbox, data, the demo's start count. */
public record StackDirs(Path root) {

    static StackDirs create(Path parent) {
        try {
            Files.createDirectories(parent);
            StackDirs d = new StackDirs(Files.createTempDirectory(parent, "stack-"));
            for (Path p : new Path[] {d.logs(), d.pids(), d.mail(), d.demo(), d.data()}) {
                Files.createDirectories(p);
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path pids() {
        return root.resolve("pids");
    }

    public Path mail() {
        return root.resolve("mail");
    }

    public Path demo() {
        return root.resolve("demo");
    }

    public Path data() {
        return root.resolve("data");
    }
}
