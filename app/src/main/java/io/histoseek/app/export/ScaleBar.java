package io.histoseek.app.export;

import java.util.Locale;

/**
 * A scale bar of a round physical length (1, 2 or 5 times a power of ten micrometres) about
 * {@code targetPixels} long on screen, and its label in um or mm.
 */
public record ScaleBar(double pixels, String label) {
    public static ScaleBar forScreen(double micronsPerScreenPixel, double targetPixels) {
        double targetMicrons = micronsPerScreenPixel * targetPixels;
        double power = Math.pow(10, Math.floor(Math.log10(targetMicrons)));
        double microns = power;
        for (double step : new double[] {2, 5, 10}) {
            if (step * power <= targetMicrons) {
                microns = step * power;
            }
        }
        return new ScaleBar(microns / micronsPerScreenPixel, format(microns));
    }

    static String format(double microns) {
        if (microns >= 1000) {
            return trim(microns / 1000) + " mm";
        }
        return trim(microns) + " \u00b5m";
    }

    private static String trim(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    /**
     * The magnification shown at this zoom: the scanner's objective divided by the zoom, or
     * 10 / (um per screen pixel) when the objective is unknown (a 10x objective sees ~1 um per pixel).
     */
    public static String magnification(double objectivePower, double micronsPerPixel, double downsample) {
        double magnification;
        if (objectivePower > 0) {
            magnification = objectivePower / downsample;
        } else if (micronsPerPixel > 0) {
            magnification = 10 / (micronsPerPixel * downsample);
        } else {
            return String.format(Locale.ROOT, "zoom 1:%s", trim(Math.round(downsample * 100) / 100.0));
        }
        return magnification >= 10 ? String.format(Locale.ROOT, "%.0f\u00d7", magnification)
                : String.format(Locale.ROOT, "%.1f\u00d7", magnification);
    }
}
