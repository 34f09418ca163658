package io.histoseek.app.export;

import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.model.TileSpec;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a result gallery into a folder: renders the query and every hit once, and the heat map
 * of each hit slide that has one, then hands the pictures to each writer (PNG files, index.html,
 * results.csv, one GeoJSON per slide).
 */
public final class GalleryExporter {
    public static final int TILE_PIXELS = TileSpec.DEFAULT.pixels();

    private static final List<GalleryWriter> WRITERS =
            List.of(new PngTileWriter(), new HtmlGalleryWriter(), new CsvResultsWriter(), new GeoJsonWriter());

    private final TileRenderer renderer;
    private final GalleryHeatMaps heatMaps;

    public GalleryExporter(TileRenderer renderer) {
        this(renderer, GalleryHeatMaps.NONE);
    }

    /** {@code heatMaps}: the query's heat map over each hit slide, drawn on the slide's thumbnail. */
    public GalleryExporter(TileRenderer renderer, GalleryHeatMaps heatMaps) {
        this.renderer = renderer;
        this.heatMaps = heatMaps;
    }

    /** Writes every file; returns them. The folder is created if needed; existing files of the same names are replaced. */
    public List<Path> export(ResultGallery gallery, Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException(folder + ": exists and is not a folder");
        }
        Files.createDirectories(folder);
        RenderedTile query = render(gallery.query(), "query.png");
        List<RenderedTile> hits = new ArrayList<>();
        for (GalleryTile hit : gallery.hits()) {
            hits.add(render(hit, String.format(Locale.ROOT, "hit-%03d.png", hit.rank())));
        }
        RenderedGallery rendered = new RenderedGallery(gallery, query, hits, heatMaps(gallery));
        List<Path> files = new ArrayList<>();
        for (GalleryWriter writer : WRITERS) {
            files.addAll(writer.write(rendered, folder));
        }
        return files;
    }

    /** One heat-map picture per hit slide with a heat map and a readable file, named after the slide. */
    private List<RenderedHeatMap> heatMaps(ResultGallery gallery) {
        List<RenderedHeatMap> rendered = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path slide : gallery.hitsBySlide().keySet()) {
            Optional<HeatMap> map = heatMaps.heatMap(slide).filter(m -> !m.isEmpty());
            Optional<SlidePicture> picture = map.isEmpty() ? Optional.empty() : thumbnail(slide);
            if (picture.isPresent()) {
                String name = Text.uniqueFileName("heatmap-" + Text.fileStem(gallery.hitsBySlide().get(slide).getFirst().slideName()),
                        ".png", names);
                rendered.add(new RenderedHeatMap(slide, name, png(HeatMapPicture.render(picture.get(), map.get()))));
            }
        }
        return rendered;
    }

    private Optional<SlidePicture> thumbnail(Path slide) {
        Optional<SlidePicture> small = renderer.thumbnail(slide, HeatMapPicture.PICTURE_SIDE);
        return small.flatMap(p -> p.image().getWidth() >= HeatMapPicture.MIN_WIDTH ? small
                : renderer.thumbnail(slide, HeatMapPicture.sideFor(p.slideWidth(), p.slideHeight())));
    }

    private RenderedTile render(GalleryTile tile, String fileName) {
        Optional<BufferedImage> image = renderer.render(tile, TILE_PIXELS);
        BufferedImage picture = image.orElseGet(() -> placeholder(TILE_PIXELS));
        double micronsPerPixel = image.isPresent() && tile.mpp().isPresent()
                ? tile.mpp().getAsDouble() * tile.width() / picture.getWidth() : 0;
        return new RenderedTile(tile, fileName, png(picture), picture.getWidth(), micronsPerPixel, image.isEmpty());
    }

    /** The grey square shown for a hit whose slide file is missing. */
    public static BufferedImage placeholder(int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xdd, 0xdd, 0xdd));
        g.fillRect(0, 0, side, side);
        g.setColor(new Color(0x55, 0x55, 0x55));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString("slide file missing", side / 2 - 58, side / 2);
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
