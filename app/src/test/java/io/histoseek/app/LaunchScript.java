package io.histoseek.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines through the launchers' shared run-jvm.sh, with this test JVM's java and classpath. */
public final class LaunchScript {
    private LaunchScript() {}

    /** The installer's run-jvm.sh, next to this module (tests run in the module's folder). */
    public static Path runJvm() {
        Path script = Path.of("..", "installer", "src", "main", "packaging", "run-jvm.sh").toAbsolutePath().normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("launcher script missing or not executable: " + script);
        }
        return script;
    }

    /** run-jvm.sh, java with the flags the launchers give, this classpath, then {@code mainAndArgs}. */
    public static List<String> command(String... mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(runJvm().toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArgs));
        return command;
    }
}
