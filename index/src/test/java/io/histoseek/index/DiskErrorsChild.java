package io.histoseek.index;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * Writes until the file system refuses, in a JVM of its own (run under a small ulimit -f), and
 * prints what {@link DiskErrors} makes of the failure. Args: file|sqlite PATH.
 */
public final class DiskErrorsChild {
    private DiskErrorsChild() {}

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[1]);
        try {
            if (args[0].equals("file")) {
                try (OutputStream out = Files.newOutputStream(path)) {
                    while (true) {
                        out.write(new byte[4096]);
                    }
                }
            }
            try (var db = DriverManager.getConnection("jdbc:sqlite:" + path);
                 var create = db.createStatement()) {
                create.execute("CREATE TABLE t (data BLOB)");
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO t VALUES (?)")) {
                    while (true) {
                        insert.setBytes(1, new byte[4096]);
                        insert.executeUpdate();
                    }
                }
            }
        } catch (Exception e) {
            System.out.println(DiskErrors.of(path, e, 0).map(DiskErrors.Problem::message).orElse("unclassified: " + e));
        }
    }
}
