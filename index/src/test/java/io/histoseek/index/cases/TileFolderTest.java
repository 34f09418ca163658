package io.histoseek.index.cases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TileFolderTest {
    @TempDir
    Path temp;

    private Path file(String relative) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }

    @Test
    void classesAreSubfoldersAndGroupsComeFromFileNames() throws IOException {
        file("TUM/patA_1.png");
        file("TUM/patB_1.png");
        file("TUM/deeper/patA_2.png");
        file("STR/patA_3.png");
        file("STR/other.png");
        file("STR/.DS_Store");
        file("STR/.hidden/patC_1.png");
        file("README.txt");
        Files.createDirectories(temp.resolve("EMPTY"));
        TileFolder folder = TileFolder.scan(temp, Optional.of(Pattern.compile("^(pat[A-Z])_")));
        assertEquals(List.of("STR", "TUM"), folder.classes(), "empty and hidden folders are no class");
        assertEquals(List.of("STR/other.png", "STR/patA_3.png", "TUM/deeper/patA_2.png", "TUM/patA_1.png", "TUM/patB_1.png"),
                folder.tiles().stream().map(TileFolder.Tile::name).toList());
        assertEquals(List.of("tile:STR/other.png", "group:patA", "group:patA", "group:patA", "group:patB"),
                folder.tiles().stream().map(TileFolder.Tile::group).toList());
        assertEquals(List.of("STR", "STR", "TUM", "TUM", "TUM"), folder.tiles().stream().map(TileFolder.Tile::label).toList());
        // Without a capturing group the whole match is the group; without --group-by each tile is its own.
        TileFolder whole = TileFolder.scan(temp, Optional.of(Pattern.compile("pat[A-Z]")));
        assertEquals("group:patA", whole.tiles().get(1).group());
        assertEquals("tile:TUM/patB_1.png", TileFolder.scan(temp, Optional.empty()).tiles().get(4).group());
    }

    @Test
    void anEmptyOrMissingFolderIsOneLine() throws IOException {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> TileFolder.scan(temp, Optional.empty()));
        assertEquals(temp + ": no tiles (expected one subfolder per class with the tile images)", empty.getMessage());
        Files.createDirectories(temp.resolve("A"));
        file("loose.png");
        assertThrows(IllegalArgumentException.class, () -> TileFolder.scan(temp, Optional.empty()));
        Path missing = temp.resolve("nope");
        assertEquals(missing + ": no such folder",
                assertThrows(IllegalArgumentException.class, () -> TileFolder.scan(missing, Optional.empty())).getMessage());
        assertEquals(temp.resolve("loose.png") + ": not a folder",
                assertThrows(IllegalArgumentException.class, () -> TileFolder.scan(temp.resolve("loose.png"), Optional.empty())).getMessage());
    }
}
