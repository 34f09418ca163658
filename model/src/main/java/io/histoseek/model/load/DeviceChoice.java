package io.histoseek.model.load;

import io.histoseek.model.support.OneLine;
import ai.djl.engine.Engine;
import io.histoseek.model.Device;

/** Maps the user's device choice onto a DJL device, with one-line errors when it cannot be had. */
final class DeviceChoice {
    private DeviceChoice() {}

    static ai.djl.Device resolve(Device choice) {
        int gpus = gpuCount();
        return switch (choice) {
            case CPU -> ai.djl.Device.cpu();
            case AUTO -> gpus > 0 ? ai.djl.Device.gpu() : ai.djl.Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException("no CUDA GPU usable: this build ships PyTorch CPU natives only;"
                            + " use --device cpu (or auto)");
                }
                yield ai.djl.Device.gpu();
            }
        };
    }

    private static int gpuCount() {
        try {
            return Engine.getEngine("PyTorch").getGpuCount();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("cannot start PyTorch: " + OneLine.of(e.getMessage(), "native libraries failed to load"), e);
        }
    }

}
