package io.histoseek.model.vit;

import io.histoseek.model.SharedFixtures;
import io.histoseek.model.VitArchitecture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VitLayoutTest {
    @Test
    void realSizeExpectationsMatchTheReleasedParameterList() throws IOException {
        List<String> lines = Files.readAllLines(SharedFixtures.model("hoptimus0-params.tsv"));
        assertEquals("name\tshape\tnumel", lines.getFirst());
        List<String> released = lines.subList(1, lines.size()).stream()
                .map(line -> line.split("\t")).map(cells -> cells[0] + "\t" + cells[1]).toList();
        Map<String, long[]> expected = VitLayout.expectedShapes(VitArchitecture.HOPTIMUS0);
        List<String> ours = new ArrayList<>();
        expected.forEach((name, shape) -> ours.add(name + "\t" + String.join(",",
                Arrays.stream(shape).mapToObj(Long::toString).toList())));
        assertEquals(567, released.size());
        assertEquals(released, ours);
        long values = expected.values().stream().mapToLong(shape -> Arrays.stream(shape).reduce(1, Math::multiplyExact)).sum();
        assertEquals(1_134_774_272L, values);
    }

    @Test
    void releasedShapesReadAsHoptimus0WithTwentyFourHeads() {
        Map<String, long[]> shapes = VitLayout.expectedShapes(VitArchitecture.HOPTIMUS0);
        assertEquals(VitArchitecture.HOPTIMUS0, ArchitectureReader.read(shapes, OptionalInt.empty()));
    }
}
