package io.histoseek.app.cli;

import io.histoseek.app.config.AppDirs;
import io.histoseek.app.setup.CheckpointVerifier;
import io.histoseek.app.setup.LoaderVerifier;
import io.histoseek.app.setup.ModelSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code histoseek model ...}: get the H-optimus-0 checkpoint once, then every command finds it. */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        description = "Download, register and check the H-optimus-0 checkpoint.",
        subcommands = {ModelDownloadCommand.class, ModelUseCommand.class, ModelStatusCommand.class})
public final class ModelCommand implements Runnable {
    private final AppDirs dirs;

    public ModelCommand() {
        this(AppDirs.fromEnvironment());
    }

    /** For tests: settings and data in the given folders instead of the user's. */
    ModelCommand(AppDirs dirs) {
        this.dirs = dirs;
    }

    AppDirs dirs() {
        return dirs;
    }

    CheckpointVerifier verifier() {
        return new LoaderVerifier();
    }

    ModelSetup setup() {
        return new ModelSetup(dirs, verifier());
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: download, use or status");
    }
}
