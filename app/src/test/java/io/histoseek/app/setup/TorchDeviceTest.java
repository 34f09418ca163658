package io.histoseek.app.setup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorchDeviceTest {
    private static final Optional<String> DRIVER = Optional.of("550.54.15");

    @Test
    void bundledNativesRunOnTheCpuAndSayHowToUseAGpu() {
        TorchDevice device = TorchDevice.detect(Map.of(), DRIVER);
        assertEquals("cpu", device.device());
        assertTrue(device.reason().contains("set HISTOSEEK_ALLOW_DOWNLOAD=1 or PYTORCH_LIBRARY_PATH"), device.reason());
        assertEquals("cpu", TorchDevice.detect(Map.of(), Optional.empty()).device());
    }

    @Test
    void allowedDownloadUsesTheGpuOnlyWithADriver() {
        Map<String, String> env = Map.of("HISTOSEEK_ALLOW_DOWNLOAD", "1");
        assertEquals("gpu", TorchDevice.detect(env, DRIVER).device());
        assertEquals("cpu", TorchDevice.detect(env, Optional.empty()).device());
    }

    @Test
    void libraryPathDecidesByWhatItHolds(@TempDir Path libtorch) throws IOException {
        Map<String, String> env = Map.of("PYTORCH_LIBRARY_PATH", libtorch.toString());
        assertEquals("none", TorchDevice.detect(env, DRIVER).device());
        Files.createFile(libtorch.resolve("libtorch_cpu.so"));
        assertEquals("cpu", TorchDevice.detect(env, DRIVER).device());
        Files.createFile(libtorch.resolve("libtorch_cuda.so"));
        assertEquals("gpu", TorchDevice.detect(env, DRIVER).device());
        assertEquals("cpu", TorchDevice.detect(env, Optional.empty()).device());
    }

    @Test
    void readsTheDriverVersionFromProc(@TempDir Path temp) throws IOException {
        Path version = temp.resolve("version");
        Files.writeString(version, "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 22:23:56 UTC 2024\n");
        assertEquals(DRIVER, TorchDevice.driverVersion(version));
        assertEquals(Optional.empty(), TorchDevice.driverVersion(temp.resolve("absent")));
    }
}
