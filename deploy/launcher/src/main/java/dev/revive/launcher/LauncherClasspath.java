package dev.revive.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the launchers' code and their libraries are, for a caller that starts them in a child JVM. This class
 * imports neither Kafka nor PostgreSQL, so it loads on a classpath that has only the launcher jar.
 */
public final class LauncherClasspath {

    private LauncherClasspath() {
    }

    /** The full classpath (launcher classes first, then the broker's and database's libraries). */
    public static String classpath() {
        try (InputStream in = LauncherClasspath.class.getResourceAsStream("/META-INF/revive/kafka-classpath.txt")) {
            if (in == null) {
                throw new IllegalStateException("launcher classpath file missing: build deploy/launcher first");
            }
            String libs = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return codeSource() + java.io.File.pathSeparator + libs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher's own jar or classes directory. */
    public static Path codeSource() {
        try {
            return Path.of(LauncherClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The java executable of the running JVM, to start children with the same runtime. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
