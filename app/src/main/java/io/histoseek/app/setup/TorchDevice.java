package io.histoseek.app.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Works out which device PyTorch will run the encoder on, and why, without loading it: from the
 * natives DJL will use (PYTORCH_LIBRARY_PATH, a download allowed by HISTOSEEK_ALLOW_DOWNLOAD=1,
 * or the bundled CPU build) and whether an NVIDIA driver is installed.
 *
 * @param device "gpu" or "cpu"
 * @param reason one line for the user
 */
public record TorchDevice(String device, String reason) {
    static final String ALLOW_DOWNLOAD = "HISTOSEEK_ALLOW_DOWNLOAD";
    static final Path NVIDIA_DRIVER = Path.of("/proc/driver/nvidia/version");

    public static TorchDevice detect() {
        return detect(System.getenv(), driverVersion(NVIDIA_DRIVER));
    }

    /** @param nvidiaDriver the NVIDIA kernel driver's version line, empty when there is none */
    static TorchDevice detect(Map<String, String> env, Optional<String> nvidiaDriver) {
        String libraryPath = env.getOrDefault("PYTORCH_LIBRARY_PATH", "");
        String driver = nvidiaDriver.map(version -> "NVIDIA driver " + version).orElse("no NVIDIA driver found");
        if (!libraryPath.isBlank()) {
            Path folder = Path.of(libraryPath);
            if (!Files.isRegularFile(folder.resolve("libtorch_cpu.so"))) {
                return new TorchDevice("none", "PYTORCH_LIBRARY_PATH=" + libraryPath
                        + " holds no libtorch_cpu.so: PyTorch will fail to load");
            }
            boolean cuda = Files.isRegularFile(folder.resolve("libtorch_cuda.so"));
            if (cuda && nvidiaDriver.isPresent()) {
                return new TorchDevice("gpu", "CUDA libtorch from PYTORCH_LIBRARY_PATH=" + libraryPath + ", " + driver);
            }
            return new TorchDevice("cpu", (cuda ? "CUDA" : "CPU-only") + " libtorch from PYTORCH_LIBRARY_PATH="
                    + libraryPath + ", " + driver);
        }
        if ("1".equals(env.get(ALLOW_DOWNLOAD))) {
            return nvidiaDriver.isPresent()
                    ? new TorchDevice("gpu", ALLOW_DOWNLOAD + "=1: DJL downloads CUDA natives into ~/.djl.ai on first use, " + driver)
                    : new TorchDevice("cpu", ALLOW_DOWNLOAD + "=1 but " + driver + ": DJL downloads CPU natives");
        }
        return nvidiaDriver.isPresent()
                ? new TorchDevice("cpu", "only the bundled CPU natives (offline), although there is an " + driver
                        + "; set " + ALLOW_DOWNLOAD + "=1 or PYTORCH_LIBRARY_PATH to use the GPU")
                : new TorchDevice("cpu", "bundled CPU natives, " + driver);
    }

    static Optional<String> driverVersion(Path procFile) {
        try {
            // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar 5 ..."
            String first = Files.readAllLines(procFile).stream().findFirst().orElse("");
            String[] words = first.trim().split("\\s+");
            for (String word : words) {
                if (word.matches("\\d+\\.\\d+(\\.\\d+)?")) {
                    return Optional.of(word);
                }
            }
            return Optional.of("(unknown version)");
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
