package io.histoseek.app.cli;

import io.histoseek.app.setup.DownloadProgress;
import io.histoseek.app.setup.ModelSetup;
import io.histoseek.app.setup.ResumableDownload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "download",
        mixinStandardHelpOptions = true,
        description = {"Download the H-optimus-0 checkpoint (4.5 GB), verify it and register it.",
                "The public weights from the model card (Apache-2.0).",
                "An interrupted download resumes when run again."})
final class ModelDownloadCommand implements Callable<Integer> {
    @ParentCommand
    ModelCommand model;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "DIR",
            description = "Folder to put it in (default: $XDG_DATA_HOME/histoseek/models, i.e. ~/.local/share/histoseek/models).")
    Path folder;

    @Option(names = "--url", paramLabel = "URL", description = "Download from here instead (default: ${DEFAULT-VALUE}).")
    URI url = ModelSetup.H_OPTIMUS_0_URL;

    @Override
    public Integer call() throws Exception {
        ModelSetup setup = model.setup();
        Path target = folder != null ? folder : setup.defaultFolder();
        boolean terminal = System.console() != null && System.console().isTerminal();
        DownloadProgress progress = new DownloadProgress(System.err, terminal, "download");
        ModelSetup.Registration registration =
                setup.download(url, target, new ResumableDownload(ResumableDownload.defaultClient()), progress);
        ModelReport.registered(spec.commandLine().getOut(), spec.commandLine().getErr(), registration);
        return 0;
    }
}
