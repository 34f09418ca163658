package io.histoseek.index.slide;

import io.histoseek.index.slide.openslide.OpenSlideImage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhysicalScaleTest {
    @ParameterizedTest
    @CsvSource({
            "CMU-1-Small-Region.svs, 0.499, OPENSLIDE, 0.499",
            "constructed/CMU-1-Small-Region-vms/CMU-1-Small-Region-vms.vms, 0.499, OPENSLIDE, 0.499",
            "constructed/CMU-1-Small-Region-mirax.mrxs, 0.499, OPENSLIDE, 0.499",
            "synthetic/small.svs, 0.499, OPENSLIDE, 0.499",
            "constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif, 0.499, TIFF_RESOLUTION, 0.499",
            "constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif, 0.2495, TIFF_RESOLUTION, 0.2495",
            "tcga-cr-7395-01a-01-ts1.svs, NaN, UNKNOWN, unknown",
            "synthetic/boxes.tiff, NaN, UNKNOWN, unknown",
            SharedSlides.APPMAG_ONLY + ", 0.5, OBJECTIVE_POWER, 0.5",
    })
    void scalePerVendor(String file, double mpp, PhysicalScale.Source source, String described) throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(file))) {
            PhysicalScale scale = PhysicalScale.of(slide);
            assertEquals(source, scale.source());
            assertEquals(described, scale.describe());
            if (!Double.isNaN(mpp)) {
                assertEquals(mpp, scale.mpp(), 1e-6);
            }
        }
    }

    @Test
    void resolutionUnitsAreConvertedAndAperioInchIsIgnored() {
        PhysicalScale cm = PhysicalScale.fromProperties(Map.of(
                "openslide.vendor", "generic-tiff", "tiff.ResolutionUnit", "centimeter", "tiff.XResolution", "40000"));
        assertEquals(0.25, cm.mpp(), 1e-12);
        PhysicalScale inch = PhysicalScale.fromProperties(Map.of(
                "openslide.vendor", "generic-tiff", "tiff.ResolutionUnit", "inch",
                "tiff.XResolution", "101600", "tiff.YResolution", "50800"));
        assertEquals(0.25, inch.mppX(), 1e-12);
        assertEquals(0.5, inch.mppY(), 1e-12);
        PhysicalScale aperio = PhysicalScale.fromProperties(Map.of(
                "openslide.vendor", "aperio", "tiff.ResolutionUnit", "inch", "tiff.XResolution", "101600"));
        assertFalse(aperio.known());
        PhysicalScale noUnit = PhysicalScale.fromProperties(Map.of("tiff.XResolution", "40000"));
        assertFalse(noUnit.known());
    }

    @Test
    void anObjectivePowerAloneGivesAnEstimateThatSaysSo() {
        PhysicalScale twenty = PhysicalScale.fromProperties(Map.of("openslide.vendor", "aperio", "openslide.objective-power", "20"));
        assertEquals(new PhysicalScale(0.5, 0.5, PhysicalScale.Source.OBJECTIVE_POWER), twenty);
        assertTrue(twenty.source().isEstimate());
        assertEquals("0.5 (estimate)", twenty.describeWithSource());
        assertEquals("objective-power (estimate)", twenty.source().label());
        assertEquals(0.25, PhysicalScale.fromProperties(Map.of("openslide.objective-power", "40.0")).mpp(), 1e-12);
        // A measured figure wins over the estimate: the slide's mpp, then the TIFF resolution.
        assertEquals(PhysicalScale.Source.OPENSLIDE, PhysicalScale.fromProperties(Map.of(
                "openslide.objective-power", "20", "openslide.mpp-x", "0.499", "openslide.mpp-y", "0.499")).source());
        assertEquals(PhysicalScale.Source.TIFF_RESOLUTION, PhysicalScale.fromProperties(Map.of("openslide.objective-power", "20",
                "tiff.ResolutionUnit", "centimeter", "tiff.XResolution", "40000")).source());
        // 0.1x would mean 100 um/px: no microscope; "twenty" is no number.
        assertFalse(PhysicalScale.fromProperties(Map.of("openslide.objective-power", "0.1")).known());
        assertFalse(PhysicalScale.fromProperties(Map.of("openslide.objective-power", "twenty")).known());
    }

    @Test
    void everySourceHasTheLabelSlideInfoPrints() {
        assertEquals(List.of("slide", "tiff-resolution", "objective-power (estimate)", "user", "unknown"),
                Arrays.stream(PhysicalScale.Source.values()).map(PhysicalScale.Source::label).toList());
        assertEquals(List.of(PhysicalScale.Source.OBJECTIVE_POWER),
                Arrays.stream(PhysicalScale.Source.values()).filter(PhysicalScale.Source::isEstimate).toList());
        assertEquals("0.499", PhysicalScale.assumed(0.499).describeWithSource());
    }

    @Test
    void assumedMppOverridesTheFile() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.CMU))) {
            PhysicalScale assumed = PhysicalScale.of(slide, 0.25);
            assertEquals(PhysicalScale.Source.ASSUMED, assumed.source());
            assertEquals(0.25, assumed.mpp());
            assertTrue(assumed.known());
            assertEquals(PhysicalScale.Source.OPENSLIDE, PhysicalScale.of(slide, null).source());
        }
    }
}
