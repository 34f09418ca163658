package io.histoseek.index.cases.report;

import io.histoseek.index.TextEscapes;
import io.histoseek.index.cases.Confusion;
import io.histoseek.index.cases.Evaluation;
import io.histoseek.index.cases.Figures;
import io.histoseek.index.cases.QueryResult;
import io.histoseek.index.cases.Vote;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes a report folder: {@code index.html} (self-contained: styles inline, the confusion matrices
 * embedded as data URIs, opens offline), {@code confusion-kK.png} per K, {@code per-query.csv}
 * (one row per query: its vote at every K) and {@code summary.json} (every figure of the evaluation).
 */
public final class ReportWriter {
    public static final String HTML = "index.html";
    public static final String CSV = "per-query.csv";
    public static final String JSON = "summary.json";

    private ReportWriter() {
    }

    public static String confusionFile(int k) {
        return "confusion-k" + k + ".png";
    }

    /** Writes the report into {@code folder} (created if needed); returns the files written, index.html first. */
    public static List<Path> write(Report report, Path folder) {
        try {
            Files.createDirectories(folder);
            List<Path> written = new ArrayList<>();
            List<byte[]> pngs = new ArrayList<>();
            for (Evaluation.AtK at : report.evaluation().atK()) {
                byte[] png = png(ConfusionChart.render(at.confusion(), "Confusion at K=" + at.k()));
                pngs.add(png);
            }
            written.add(Files.writeString(folder.resolve(HTML), html(report, pngs)));
            for (int i = 0; i < pngs.size(); i++) {
                written.add(Files.write(folder.resolve(confusionFile(report.evaluation().atK().get(i).k())), pngs.get(i)));
            }
            written.add(writeCsv(report.evaluation(), folder.resolve(CSV)));
            written.add(Files.writeString(folder.resolve(JSON), json(report)));
            return written;
        } catch (IOException e) {
            throw new IllegalArgumentException(folder + ": cannot write the report (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    // ---- per-query.csv ----

    private static Path writeCsv(Evaluation evaluation, Path file) throws IOException {
        boolean abstention = evaluation.minAgreement().isPresent();
        double min = evaluation.minAgreement().orElse(0);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("query,case,truth,best_score");
            for (int k : evaluation.ks()) {
                header.append(",predicted@").append(k).append(",agreement@").append(k).append(",votes@").append(k)
                        .append(",correct@").append(k);
                if (abstention) header.append(",abstained@").append(k);
            }
            out.write(header.append("\r\n").toString());
            for (QueryResult q : evaluation.queries()) {
                StringBuilder row = new StringBuilder();
                row.append(TextEscapes.csv(q.query())).append(',').append(TextEscapes.csv(q.truth().caseId())).append(',')
                        .append(TextEscapes.csv(q.truth().label())).append(',')
                        .append(q.ballots().isEmpty() ? "" : String.format(Locale.ROOT, "%.6f", q.ballots().getFirst().score()));
                for (int k : evaluation.ks()) {
                    Vote vote = q.vote(k);
                    row.append(',').append(vote.winner() == null ? "" : TextEscapes.csv(vote.winner()))
                            .append(',').append(String.format(Locale.ROOT, "%.4f", vote.agreement()))
                            .append(',').append(TextEscapes.csv(vote.votesText()))
                            .append(',').append(q.truth().label().equals(vote.winner()) ? 1 : 0);
                    if (abstention) row.append(',').append(vote.abstains(min) ? 1 : 0);
                }
                out.write(row.append("\r\n").toString());
            }
        }
        return file;
    }

    // ---- summary.json ----

    private static String json(Report report) {
        Evaluation e = report.evaluation();
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"title\": ").append(TextEscapes.json(report.title())).append(",\n");
        out.append("  \"parameters\": {");
        for (int i = 0; i < report.parameters().size(); i++) {
            Report.Parameter p = report.parameters().get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    ").append(TextEscapes.json(p.name())).append(": ").append(TextEscapes.json(p.value()));
        }
        out.append(report.parameters().isEmpty() ? "},\n" : "\n  },\n");
        out.append("  \"level\": ").append(TextEscapes.json(e.level().name().toLowerCase(Locale.ROOT))).append(",\n");
        out.append("  \"queries\": ").append(e.queries().size()).append(",\n");
        out.append("  \"min_agreement\": ").append(e.minAgreement().isPresent() ? jsonFigure(e.minAgreement().getAsDouble()) : "null").append(",\n");
        out.append("  \"classes\": [").append(String.join(", ", e.classes().stream().map(TextEscapes::json).toList())).append("],\n");
        out.append("  \"at_k\": [");
        for (int i = 0; i < e.atK().size(); i++) {
            Evaluation.AtK at = e.atK().get(i);
            Confusion c = at.confusion();
            out.append(i == 0 ? "\n" : ",\n").append("    {\"k\": ").append(at.k())
                    .append(", \"accuracy\": ").append(jsonFigure(at.accuracy()))
                    .append(", \"balanced_accuracy\": ").append(jsonFigure(at.balancedAccuracy()));
            if (e.minAgreement().isPresent()) {
                out.append(", \"abstained\": ").append(jsonFigure(at.abstainedShare()))
                        .append(", \"answered_accuracy\": ").append(jsonFigure(at.answeredAccuracy()));
            }
            if (at.majorityVote().isPresent()) out.append(", \"mMV\": ").append(jsonFigure(at.majorityVote().getAsDouble()));
            out.append(",\n      \"recall\": {");
            for (int j = 0; j < e.classes().size(); j++) {
                String label = e.classes().get(j);
                out.append(j == 0 ? "" : ", ").append(TextEscapes.json(label)).append(": ").append(jsonFigure(c.recall(label)));
            }
            out.append("},\n      \"confusion\": {\"rows\": \"true label, in classes order\", \"columns\": \"predicted label in classes order, then no answer\", \"counts\": [");
            for (int r = 0; r < e.classes().size(); r++) {
                out.append(r == 0 ? "" : ", ").append('[');
                for (int col = 0; col <= e.classes().size(); col++) {
                    out.append(col == 0 ? "" : ", ").append(c.count(e.classes().get(r), col < e.classes().size() ? e.classes().get(col) : null));
                }
                out.append(']');
            }
            out.append("]}}");
        }
        out.append("\n  ]\n}\n");
        return out.toString();
    }

    // ---- index.html ----

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;color:#202020;padding:0 16px}
            h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
            table{border-collapse:collapse;margin:8px 0}th,td{padding:4px 10px;border-bottom:1px solid #eee;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f6f8}
            .bar{background:#1f5fa8;height:10px;display:inline-block;vertical-align:middle;margin-right:6px}
            figure{display:inline-block;margin:8px 16px 8px 0;vertical-align:top}figcaption{font-size:13px;color:#555}
            .sub{color:#555}p.note{font-size:13px;color:#555;max-width:820px}code{background:#f4f6f8;padding:1px 4px}
            """;

    private static String html(Report report, List<byte[]> pngs) {
        Evaluation e = report.evaluation();
        StringBuilder h = new StringBuilder(8192 + pngs.stream().mapToInt(p -> p.length * 4 / 3).sum());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(TextEscapes.html(report.title()))
                .append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>").append(TextEscapes.html(report.title())).append("</h1>\n");
        h.append("<p class=\"sub\">").append(e.queries().size()).append(" queries at ").append(e.level().name().toLowerCase(Locale.ROOT))
                .append(" level, ").append(e.classes().size()).append(" classes</p>\n");
        if (!report.parameters().isEmpty()) {
            h.append("<table>");
            for (Report.Parameter p : report.parameters()) {
                h.append("<tr><th>").append(TextEscapes.html(p.name())).append("</th><td>").append(TextEscapes.html(p.value())).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        summary(h, e);
        perClass(h, e);
        h.append("<h2>Confusion matrices</h2>\n");
        for (int i = 0; i < pngs.size(); i++) {
            int k = e.atK().get(i).k();
            h.append("<figure><img alt=\"confusion matrix at K=").append(k).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(pngs.get(i))).append("\"><figcaption>K=").append(k)
                    .append(": rows are true labels, columns the vote of the top ").append(k).append(" (also ")
                    .append(confusionFile(k)).append(")</figcaption></figure>\n");
        }
        h.append("<h2>Protocol</h2>\n<p class=\"note\">Each query is answered by its nearest labeled neighbours from <b>other cases</b> "
                + "only: neither the query, nor tiles of its own slide, nor any slide of the same case (patient) can vote. "
                + "The top K vote, one vote each; a tie goes to the label whose votes' similarities sum higher. "
                + "Accuracy counts every query (one without labeled neighbours counts as wrong); balanced accuracy is the "
                + "mean of the per-class recalls. With a minimum agreement, a query whose winner has less than that share "
                + "of the votes abstains; <i>answered accuracy</i> is the accuracy of the rest.");
        if (e.level() == Evaluation.Level.SLIDE) {
            h.append(" Slides are ranked by the median over the query slide's mosaic of each slide's best match; mMV@K is "
                    + "the majority of the top K slides (a tie to the better ranked label) averaged per class, as SISH reports it.");
        }
        h.append("</p>\n<p class=\"note\">Files: <code>").append(CSV).append("</code> (each query's vote), <code>").append(JSON)
                .append("</code> (every figure).</p>\n</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, Evaluation e) {
        boolean abstention = e.minAgreement().isPresent();
        boolean slides = e.level() == Evaluation.Level.SLIDE;
        h.append("<h2>Summary</h2>\n<table><tr><th>K</th><th>accuracy</th><th>balanced accuracy</th>");
        if (abstention) h.append("<th>abstained (min agreement ").append(Figures.format(e.minAgreement().getAsDouble()))
                .append(")</th><th>accuracy of the answered</th>");
        if (slides) h.append("<th>mMV</th>");
        h.append("</tr>\n");
        for (Evaluation.AtK at : e.atK()) {
            h.append("<tr><td class=\"n\">").append(at.k()).append("</td><td class=\"n\">").append(Figures.format(at.accuracy()))
                    .append("</td><td class=\"n\">").append(Figures.format(at.balancedAccuracy())).append("</td>");
            if (abstention) h.append("<td class=\"n\">").append(Figures.format(at.abstainedShare())).append("</td><td class=\"n\">")
                    .append(Figures.format(at.answeredAccuracy())).append("</td>");
            if (slides) h.append("<td class=\"n\">").append(Figures.format(at.majorityVote().orElse(Double.NaN))).append("</td>");
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void perClass(StringBuilder h, Evaluation e) {
        h.append("<h2>Per class: recall</h2>\n<table><tr><th>class</th><th>queries</th>");
        for (int k : e.ks()) h.append("<th>K=").append(k).append("</th>");
        h.append("</tr>\n");
        Confusion first = e.atK().getFirst().confusion();
        for (String label : e.classes()) {
            h.append("<tr><td>").append(TextEscapes.html(label)).append("</td><td class=\"n\">").append(first.support(label)).append("</td>");
            for (Evaluation.AtK at : e.atK()) {
                double recall = at.confusion().recall(label);
                h.append("<td>");
                if (!Double.isNaN(recall)) h.append("<span class=\"bar\" style=\"width:").append(Math.round(recall * 80)).append("px\"></span>");
                h.append(Figures.format(recall)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** A figure for JSON: a number, or null when there is nothing to measure. */
    private static String jsonFigure(double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.6f", value);
    }
}
