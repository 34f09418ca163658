package io.histoseek.app.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExampleArgumentTest {
    @Test
    void pointsAndRectanglesSplitAtTheLastColon() {
        assertEquals(new ExampleArgument("/data/a.svs", 898, 1347, 0, 0), ExampleArgument.parse("--also", "/data/a.svs:898,1347"));
        assertEquals(new ExampleArgument("C:\\scans\\b:c.tif", 10, 20, 300, 400),
                ExampleArgument.parse("--not", "C:\\scans\\b:c.tif:10,20,300,400"));
        assertEquals(new ExampleArgument("rel/c.svs", 1, 2, 0, 0), ExampleArgument.parse("--also", "rel/c.svs: 1, 2"));
    }

    @Test
    void badFormsAreRefusedInOneLineNamingTheOptionAndTheValue() {
        assertRefused("--also 'a.svs:100': expected SLIDE:X,Y or SLIDE:X,Y,W,H (level-0 pixels)", "--also", "a.svs:100");
        assertRefused("--also 'a.svs': expected SLIDE:X,Y or SLIDE:X,Y,W,H (level-0 pixels)", "--also", "a.svs");
        assertRefused("--also ':1,2': expected SLIDE:X,Y or SLIDE:X,Y,W,H (level-0 pixels)", "--also", ":1,2");
        assertRefused("--not 'a.svs:1,2,3': expected SLIDE:X,Y or SLIDE:X,Y,W,H (level-0 pixels)", "--not", "a.svs:1,2,3");
        assertRefused("--not 'a.svs:1,2,-5,4': width and height must be positive", "--not", "a.svs:1,2,-5,4");
        assertRefused("--not 'a.svs:1,2,5,0': width and height must be positive", "--not", "a.svs:1,2,5,0");
        assertRefused("--also 'a.svs:-1,2': x and y must not be negative", "--also", "a.svs:-1,2");
        assertRefused("--also 'a.svs:x,2': 'x' is not a whole number; expected SLIDE:X,Y or SLIDE:X,Y,W,H (level-0 pixels)",
                "--also", "a.svs:x,2");
    }

    private static void assertRefused(String message, String option, String text) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> ExampleArgument.parse(option, text)).getMessage());
    }
}
