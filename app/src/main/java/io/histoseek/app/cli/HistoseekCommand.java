package io.histoseek.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The root of the command line: subcommands, version, and the one-line error policy. */
@Command(name = "histoseek",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Find morphologically similar tissue across a local whole-slide image archive.",
        subcommands = {
                GuiCommand.class,
                ModelCommand.class,
                IndexCommand.class,
                SearchCommand.class,
                ExportCommand.class,
                HeatmapCommand.class,
                InfoCommand.class,
                TilesCommand.class,
                RelinkCommand.class,
                RemoveCommand.class,
                MigrateCommand.class,
                ImportCommand.class,
                ExportFeaturesCommand.class,
                SlideInfoCommand.class,
                EmbedCommand.class,
                LabelsCommand.class,
                ClassifyCommand.class,
                SearchSlidesCommand.class,
                EvaluateCommand.class,
                EvaluateTilesCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class HistoseekCommand implements Runnable {
    /** Exit status for a problem with the user's input or files (usage errors get picocli's 2). */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new HistoseekCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new OneLineErrorHandler());
        return cli.execute(args);
    }
}
