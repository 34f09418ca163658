package io.histoseek.app.cli;

import io.histoseek.app.config.RegisteredModel;
import io.histoseek.app.setup.CheckpointVerifier;
import io.histoseek.app.setup.TorchDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the registered checkpoint, check it again, and say which device PyTorch would use and why.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:a checkpoint is registered and verifies", "1:none is registered, or it no longer verifies"})
final class ModelStatusCommand implements Callable<Integer> {
    @ParentCommand
    ModelCommand model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("settings:   " + model.dirs().configFile());
        Optional<RegisteredModel> registered = model.setup().registered();
        boolean usable = registered.isPresent() && report(out, registered.get(), model.verifier());
        if (registered.isEmpty()) {
            out.println("checkpoint: none registered; run `histoseek model download` or `histoseek model use FILE`");
        }
        TorchDevice device = TorchDevice.detect();
        out.println("device:     " + device.device() + " (" + device.reason() + ")");
        return usable ? 0 : 1;
    }

    private static boolean report(PrintWriter out, RegisteredModel model, CheckpointVerifier verifier) {
        out.println("checkpoint: " + model.checkpoint());
        if (!Files.isRegularFile(model.checkpoint())) {
            out.println("verified:   no (the file is gone; register it again with `histoseek model use FILE`)");
            return false;
        }
        try {
            long size = Files.size(model.checkpoint());
            out.printf("size:       %,d bytes%s%n", size,
                    model.sizeBytes() >= 0 && size != model.sizeBytes() ? " (was " + String.format("%,d", model.sizeBytes()) + " when registered)" : "");
            CheckpointVerifier.Verification verification = verifier.verify(model.checkpoint());
            out.println("verified:   yes, " + verification.identity());
            if (verification.hasWarning()) {
                out.println("warning:    " + verification.warning());
            }
            return true;
        } catch (IOException e) {
            out.println("verified:   no (" + e.getMessage() + ")");
            return false;
        }
    }
}
