package io.histoseek.index.cases;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A labels file: CSV (RFC 4180 quoting, UTF-8, a BOM allowed) whose header names the columns
 * {@code slide} and {@code label} and optionally {@code case}, in any order; other columns are
 * ignored. A row without a slide or label is a problem of that row, not of the file. An empty case
 * means the slide is a case of its own.
 */
public final class LabelsCsv {
    /** A row: its line number, the slide as written, the label, and the case (null: the slide's own). */
    public record Row(int line, String slide, String label, String caseName) {
    }

    /** The usable rows and one line per row that was not usable ({@code FILE:LINE: problem}). */
    public record Parsed(List<Row> rows, List<String> problems) {
        public Parsed {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    private LabelsCsv() {
    }

    public static Parsed read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text (save the labels as CSV UTF-8)");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + (Files.exists(file) ? e.getMessage() : "no such file") + ")");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<Record> records = records(file, text);
        if (records.isEmpty()) throw new IllegalArgumentException(file + ": empty; expected a header line slide,label,case");
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.getFirst().fields();
        for (int i = 0; i < header.size(); i++) columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        if (!columns.containsKey("slide") || !columns.containsKey("label")) {
            throw new IllegalArgumentException(file + ": the header must name the columns slide and label (and optionally case), found "
                    + String.join(",", header));
        }
        int slideColumn = columns.get("slide");
        int labelColumn = columns.get("label");
        Integer caseColumn = columns.get("case");
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Record record : records.subList(1, records.size())) {
            List<String> f = record.fields();
            if (f.size() == 1 && f.getFirst().isBlank()) continue;
            String slide = field(f, slideColumn);
            String label = field(f, labelColumn);
            String caseName = caseColumn == null ? "" : field(f, caseColumn);
            if (slide.isEmpty()) {
                problems.add(file + ":" + record.line() + ": no slide; row skipped");
            } else if (label.isEmpty()) {
                problems.add(file + ":" + record.line() + ": " + slide + ": no label; row skipped");
            } else {
                rows.add(new Row(record.line(), slide, label, caseName.isEmpty() ? null : caseName));
            }
        }
        return new Parsed(rows, problems);
    }

    private static String field(List<String> fields, int column) {
        return column < fields.size() ? fields.get(column).trim() : "";
    }

    private record Record(int line, List<String> fields) {
    }

    /** Splits RFC 4180 text into records (a quoted field may hold commas, quotes and line breaks). */
    private static List<Record> records(Path file, String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> {
                }
                case '\n' -> {
                    fields.add(field.toString());
                    records.add(new Record(recordLine, List.copyOf(fields)));
                    fields.clear();
                    field.setLength(0);
                    any = false;
                    recordLine = ++line;
                }
                default -> {
                    field.append(c);
                    any = true;
                }
            }
        }
        if (quoted) throw new IllegalArgumentException(file + ":" + recordLine + ": a quote opened here is never closed");
        if (any || field.length() > 0) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }
}
