package io.histoseek.app.export;

import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.heatmap.HeatScale;
import io.histoseek.index.heatmap.HeatTile;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A heat map as a picture: the slide's thumbnail with every stored tile painted in the colour of
 * its similarity ({@link HeatScale}, at its opacity, so the tissue shows through), and below it a
 * legend: the colour bar from the map's lowest to its highest similarity, both numbered.
 */
public final class HeatMapPicture {
    /** The longer side of the slide picture asked for. */
    public static final int PICTURE_SIDE = 1024;
    /** The narrowest picture written: a tall slide's is scaled up to this width. */
    public static final int MIN_WIDTH = 256;
    static final int LEGEND_HEIGHT = 46;
    private static final int MARGIN = 8;

    private HeatMapPicture() {}

    /** The longer side to ask a slide of this size for, so that its picture is at least {@link #MIN_WIDTH} wide. */
    public static int sideFor(long slideWidth, long slideHeight) {
        return (int) Math.max(PICTURE_SIDE, Math.ceil((double) MIN_WIDTH * slideHeight / slideWidth));
    }

    public static BufferedImage render(SlidePicture slide, HeatMap map) {
        BufferedImage thumbnail = atLeastMinWidth(slide.image());
        double sx = (double) thumbnail.getWidth() / slide.slideWidth();
        double sy = (double) thumbnail.getHeight() / slide.slideHeight();
        int width = thumbnail.getWidth();
        BufferedImage out = new BufferedImage(width, thumbnail.getHeight() + LEGEND_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(thumbnail, 0, 0, null);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) HeatScale.OPACITY));
        for (HeatTile tile : map.tiles()) {
            g.setColor(new Color(HeatScale.argb(map, tile.similarity())));
            // whole pixels: neighbours meet without a seam or a doubled edge
            int left = (int) Math.round(tile.x() * sx);
            int top = (int) Math.round(tile.y() * sy);
            g.fillRect(left, top, (int) Math.round((tile.x() + tile.size()) * sx) - left,
                    (int) Math.round((tile.y() + tile.size()) * sy) - top);
        }
        g.setComposite(AlphaComposite.SrcOver);
        legend(g, map, thumbnail.getHeight(), width);
        g.dispose();
        return out;
    }

    private static void legend(Graphics2D g, HeatMap map, int top, int width) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int barTop = top + MARGIN;
        int barWidth = width - 2 * MARGIN;
        for (int i = 0; i < barWidth; i++) {
            g.setColor(new Color(HeatScale.argb(i / (double) Math.max(1, barWidth - 1))));
            g.fillRect(MARGIN + i, barTop, 1, 12);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(MARGIN, barTop, barWidth - 1, 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int textY = barTop + 28;
        String low = String.format(Locale.ROOT, "%.3f", map.min());
        String high = String.format(Locale.ROOT, "%.3f", map.max());
        String title = "similarity to the query";
        g.drawString(low, MARGIN, textY);
        g.drawString(high, MARGIN + barWidth - g.getFontMetrics().stringWidth(high), textY);
        int titleWidth = g.getFontMetrics().stringWidth(title);
        if (titleWidth + 2 * g.getFontMetrics().stringWidth(high) + 24 < barWidth) {
            g.drawString(title, MARGIN + (barWidth - titleWidth) / 2, textY);
        }
    }

    private static BufferedImage atLeastMinWidth(BufferedImage image) {
        if (image.getWidth() >= MIN_WIDTH) {
            return image;
        }
        int height = (int) Math.round((double) image.getHeight() * MIN_WIDTH / image.getWidth());
        BufferedImage wider = new BufferedImage(MIN_WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wider.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, MIN_WIDTH, height, null);
        g.dispose();
        return wider;
    }
}
