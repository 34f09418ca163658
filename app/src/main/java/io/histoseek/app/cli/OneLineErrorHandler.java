package io.histoseek.app.cli;

import io.histoseek.model.support.OneLine;
import picocli.CommandLine;

/**
 * Users get one line naming the problem, never a stack trace. Unexpected exceptions still say
 * what they are; HISTOSEEK_DEBUG=1 prints the trace for a bug report.
 */
final class OneLineErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        cli.getErr().println("histoseek: " + OneLine.of(ex));
        if ("1".equals(System.getenv("HISTOSEEK_DEBUG"))) {
            ex.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return HistoseekCommand.EXIT_FAILURE;
    }

}
