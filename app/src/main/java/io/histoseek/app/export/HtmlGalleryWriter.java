package io.histoseek.app.export;

import io.histoseek.index.TextEscapes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * index.html: one self-contained page (styles inline, pictures as data URIs) that opens offline
 * anywhere: a histogram of the hits' scores (inline SVG), the query tile, then every hit with
 * score, slide, coordinates, mpp and a scale bar, and a link to its slide's heat map (a PNG beside
 * the page) when there is one. Every text from a file or the user is HTML-escaped.
 */
public final class HtmlGalleryWriter implements GalleryWriter {
    public static final String FILE_NAME = "index.html";
    private static final int SCALE_BAR_TARGET_PIXELS = 100;
    /** How wide a card shows its picture, in CSS pixels, whatever the tile's own size. */
    private static final int SHOWN_PIXELS = 224;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'DejaVu Sans',sans-serif;margin:24px;background:#f4f5f7;color:#1d2329}
            h1{font-size:20px;margin:0 0 4px}
            .meta{color:#5b6570;font-size:13px;margin-bottom:18px}
            .grid{display:flex;flex-wrap:wrap;gap:14px}
            .card{background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.15);padding:8px;width:240px}
            .card.query{border:3px solid #00b4ff}
            .card img{display:block;width:%1$dpx;height:%1$dpx;object-fit:contain;background:#eee}
            .card .missing{width:%1$dpx;height:%1$dpx;display:flex;align-items:center;justify-content:center;background:#ddd;color:#555;font-size:13px;text-align:center}
            .bar{height:5px;background:#111;margin-top:6px}
            .barlabel{font-size:11px;color:#333}
            .score{font-weight:600;font-size:14px;margin-top:6px}
            .slide{font-size:12px;word-break:break-all}
            .pos{font-size:12px;color:#5b6570}
            .heat{font-size:12px;margin-top:4px}
            .scores{margin-bottom:18px}
            .scores .label{font-size:13px;color:#5b6570;margin-bottom:4px}
            """.formatted(SHOWN_PIXELS);

    @Override
    public List<Path> write(RenderedGallery rendered, Path folder) throws IOException {
        ResultGallery gallery = rendered.result();
        StringBuilder html = new StringBuilder(64 * 1024);
        GalleryTile q = gallery.query();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Histoseek: tissue similar to ").append(TextEscapes.html(q.slideName())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>Tissue similar to ").append(TextEscapes.html(q.slideName())).append("</h1>\n")
                .append("<div class=\"meta\">Query at x ").append(q.x()).append(", y ").append(q.y())
                .append(" (").append(q.width()).append("\u00d7").append(q.height()).append(" px, level 0) in ")
                .append(TextEscapes.html(q.slide().toString())).append(" \u00b7 ").append(gallery.hits().size())
                .append(" hits \u00b7 exported ").append(TextEscapes.html(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)))
                .append("</div>\n");
        if (!gallery.hits().isEmpty()) {
            html.append("<div class=\"scores\"><div class=\"label\">Scores of the ").append(gallery.hits().size())
                    .append(" hits: where the similarity drops</div>")
                    .append(ScoreHistogram.svg(gallery.hits().stream().map(GalleryTile::score).toList())).append("</div>\n");
        }
        html.append("<div class=\"grid\">\n");
        card(html, rendered.query(), true, null);
        for (RenderedTile hit : rendered.hits()) {
            card(html, hit, false, rendered.heatMapOf(hit.tile().slide()).orElse(null));
        }
        html.append("</div>\n</body></html>\n");
        Path file = folder.resolve(FILE_NAME);
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return List.of(file);
    }

    /** {@code heatMap}: the heat map of the card's slide, linked under the card (null: none). */
    private static void card(StringBuilder html, RenderedTile rendered, boolean isQuery, RenderedHeatMap heatMap) {
        GalleryTile tile = rendered.tile();
        html.append("<div class=\"card").append(isQuery ? " query" : "").append("\">");
        if (rendered.placeholder()) {
            html.append("<div class=\"missing\">slide file missing<br>or unreadable</div>");
        } else {
            html.append("<img alt=\"").append(TextEscapes.html(isQuery ? "query" : "hit " + tile.rank())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(rendered.png())).append("\">");
            scaleBar(html, rendered);
        }
        html.append("<div class=\"score\">").append(isQuery ? "Query" : "#" + tile.rank() + " \u00b7 score " + Text.number(tile.score()))
                .append("</div>")
                .append("<div class=\"slide\" title=\"").append(TextEscapes.html(tile.slide().toString())).append("\">")
                .append(TextEscapes.html(tile.slideName())).append("</div>")
                .append("<div class=\"pos\">x ").append(tile.x()).append(", y ").append(tile.y()).append(" \u00b7 ")
                .append(tile.width()).append("\u00d7").append(tile.height()).append(" px")
                .append(tile.mpp().isPresent() ? String.format(Locale.ROOT, " \u00b7 %.3f \u00b5m/px", tile.mpp().getAsDouble()) : " \u00b7 mpp unknown")
                .append("</div>");
        if (heatMap != null) {
            html.append("<div class=\"heat\"><a href=\"").append(TextEscapes.html(heatMap.fileName()))
                    .append("\">heat map of this slide</a></div>");
        }
        html.append("</div>\n");
    }

    /** The bar is drawn at the size the image is shown ({@link #SHOWN_PIXELS} wide), so it measures the picture. */
    private static void scaleBar(StringBuilder html, RenderedTile rendered) {
        if (rendered.micronsPerPixel() <= 0) {
            return;
        }
        double shownMicronsPerPixel = rendered.micronsPerPixel() * rendered.pixelWidth() / (double) SHOWN_PIXELS;
        ScaleBar bar = ScaleBar.forScreen(shownMicronsPerPixel, SCALE_BAR_TARGET_PIXELS);
        html.append(String.format(Locale.ROOT, "<div class=\"bar\" style=\"width:%.0fpx\"></div>", bar.pixels()))
                .append("<div class=\"barlabel\">").append(TextEscapes.html(bar.label())).append("</div>");
    }
}
