package dev.revive.systemtest.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Started first by every stack, with its standard input a pipe from the test JVM. When that pipe closes (the test
 * JVM ended, also by kill -9) it kills every process listed in the stack's {@code pids/} folder and their
 * descendants, so a crashed test run leaves nothing listening. A stack closed normally has stopped them already.
 *
 * <p>{@code java -cp ... Reaper --stack DIR}.
 */
public final class Reaper {

    public static final String READY = "REVIVE-REAPER-READY";

    private Reaper() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("--stack")) {
            System.err.println("usage: Reaper --stack DIR");
            System.exit(2);
        }
        Path pids = new StackDirs(Path.of(args[1])).pids();
        System.out.println(READY);
        System.out.flush();
        InputStream in = System.in;
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) {
            // only end-of-stream matters
        }
        killAll(pids);
    }

    static void killAll(Path pids) throws IOException {
        if (!Files.isDirectory(pids)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pids, "*.pid")) {
            for (Path f : files) {
                try {
                    long pid = Long.parseLong(Files.readString(f).trim());
                    if (pid == ProcessHandle.current().pid()) {
                        continue;
                    }
                    ProcessHandle.of(pid).ifPresent(p -> {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    });
                } catch (NumberFormatException | IOException e) {
                    // a half-written pid file: nothing to kill
                }
            }
        }
    }
}
