package io.histoseek.index.cases.report;

import io.histoseek.index.cases.Confusion;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a confusion matrix: true labels down, predicted across (plus "no answer" when any query
 * had none), each cell its count, shaded by its share of the row, so the diagonal reads as recall.
 */
final class ConfusionChart {
    static final String NO_ANSWER = "(no answer)";
    private static final int CELL = 56;
    private static final int PAD = 16;
    private static final Color INK = new Color(0x20, 0x20, 0x20);
    private static final Color HIGH = new Color(0x1f, 0x5f, 0xa8);

    private ConfusionChart() {
    }

    static BufferedImage render(Confusion confusion, String title) {
        List<String> rows = confusion.classes();
        List<String> columns = new ArrayList<>(rows);
        boolean anyUnanswered = rows.stream().anyMatch(r -> confusion.count(r, null) > 0);
        if (anyUnanswered) columns.add(NO_ANSWER);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        Font bold = font.deriveFont(Font.BOLD, 15f);
        FontMetrics metrics = measure(font);
        int rowLabels = rows.stream().mapToInt(metrics::stringWidth).max().orElse(0) + PAD;
        int columnLabels = columns.stream().mapToInt(metrics::stringWidth).max().orElse(0) + PAD;
        int top = PAD + 24 + 20 + columnLabels;
        int left = PAD + 20 + rowLabels;
        int width = left + columns.size() * CELL + PAD;
        int height = top + rows.size() * CELL + PAD + 24;
        BufferedImage image = new BufferedImage(Math.max(width, 320), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), height);
            g.setColor(INK);
            g.setFont(bold);
            g.drawString(title, PAD, PAD + 14);
            g.setFont(font);
            g.drawString("predicted", left, PAD + 24 + 12);
            AffineTransform plain = g.getTransform();
            for (int c = 0; c < columns.size(); c++) {
                g.setTransform(plain);
                g.translate(left + c * CELL + CELL / 2 + 5, top - 6);
                g.rotate(-Math.PI / 2);
                g.drawString(columns.get(c), 0, 0);
            }
            g.setTransform(plain);
            g.translate(PAD + 12, top + (rows.size() * CELL + metrics.stringWidth("true")) / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString("true", 0, 0);
            g.setTransform(plain);
            for (int r = 0; r < rows.size(); r++) {
                String truth = rows.get(r);
                long support = confusion.support(truth);
                int y = top + r * CELL;
                g.setColor(INK);
                g.drawString(truth, left - PAD / 2 - metrics.stringWidth(truth), y + CELL / 2 + 5);
                for (int c = 0; c < columns.size(); c++) {
                    String predicted = c < rows.size() ? columns.get(c) : null;
                    long count = confusion.count(truth, predicted);
                    double share = support == 0 ? 0 : (double) count / support;
                    int x = left + c * CELL;
                    g.setColor(blend(share));
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(new Color(0xdd, 0xdd, 0xdd));
                    g.drawRect(x, y, CELL, CELL);
                    String text = Long.toString(count);
                    g.setColor(share > 0.55 ? Color.WHITE : INK);
                    g.drawString(text, x + (CELL - metrics.stringWidth(text)) / 2, y + CELL / 2 + 5);
                }
            }
            g.setColor(INK);
            g.setStroke(new BasicStroke(2f));
            for (int d = 0; d < rows.size(); d++) g.drawRect(left + d * CELL, top + d * CELL, CELL, CELL);
            g.setFont(font.deriveFont(11f));
            g.drawString("shade: share of the true label's queries", PAD, height - PAD + 4);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Color blend(double share) {
        double s = Math.max(0, Math.min(1, share));
        return new Color((int) Math.round(255 + (HIGH.getRed() - 255) * s), (int) Math.round(255 + (HIGH.getGreen() - 255) * s),
                (int) Math.round(255 + (HIGH.getBlue() - 255) * s));
    }

    private static FontMetrics measure(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
