package io.histoseek.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "use",
        mixinStandardHelpOptions = true,
        description = {"Register a checkpoint you already have, after checking every tensor name and shape.",
                "Takes checkpoint.pth, Hugging Face pytorch_model.bin or model.safetensors; the file stays where it is."})
final class ModelUseCommand implements Callable<Integer> {
    @ParentCommand
    ModelCommand model;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The checkpoint file.")
    Path checkpoint;

    @Override
    public Integer call() throws Exception {
        ModelReport.registered(spec.commandLine().getOut(), spec.commandLine().getErr(), model.setup().use(checkpoint));
        return 0;
    }
}
