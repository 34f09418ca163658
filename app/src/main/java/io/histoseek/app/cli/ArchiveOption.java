package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.Archives;
import picocli.CommandLine.Option;

/** {@code --archive ADDRESS} for the commands that use an existing archive: a folder or a SolrCloud address. */
final class ArchiveOption {
    static final String DESCRIPTION = "The archive: a folder, solr://ZKHOST:PORT[,HOST:PORT...][/CHROOT]/COLLECTION "
            + "or http(s)://HOST:PORT/solr/COLLECTION.";

    @Option(names = "--archive", required = true, paramLabel = "ARCHIVE", description = DESCRIPTION)
    String text;

    ArchiveAddress address() {
        return ArchiveAddress.of(text);
    }

    /** The address for output: a folder made absolute, a cluster address as given. */
    String display() {
        return address().display();
    }

    /** Opens the archive for reading (no lock: a writer may run meanwhile), with a one-line error when it is not one. */
    Archive open() {
        return Archives.openForReading(address());
    }
}
