package io.histoseek.app.gui.viewer;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.gui.GuiTestSupport;
import io.histoseek.index.slide.SlideImage;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import javafx.scene.Scene;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The viewer's two extension points, used from outside as any new layer or gesture would be. */
@ExtendWith(ApplicationExtension.class)
class SlideViewerTest {
    private final SlideViewer viewer = new SlideViewer();
    private OpenSlideImage image;

    @Start
    void start(Stage stage) throws Exception {
        image = OpenSlideImage.open(SharedTestData.slides().resolve("CMU-1-Small-Region.svs"));
        stage.setScene(new Scene(viewer, 400, 300));
        stage.show();
    }

    @AfterEach
    void close() {
        image.close();
    }

    @Test
    void overlaysPaintInTheOrderTheyWereAddedAndCanAskForARepaint(FxRobot robot) {
        List<String> painted = new CopyOnWriteArrayList<>();
        Runnable[] repaintSecond = new Runnable[1];
        Overlay first = (g, view, shown) -> painted.add("first " + (shown == image));
        Overlay second = new Overlay() {
            @Override
            public void paint(GraphicsContext g, Viewport view, SlideImage shown) {
                painted.add("second");
            }

            @Override
            public void attach(Runnable repaint) {
                repaintSecond[0] = repaint;
            }
        };
        robot.interact(() -> {
            viewer.overlays().addAll(first, second);
            viewer.imageProperty().set(image);
        });
        GuiTestSupport.waitUntil("a frame", 5, () -> painted.size() >= 2);
        assertEquals(List.of("first true", "second"), painted.subList(0, 2));
        painted.clear();
        robot.interact(repaintSecond[0]);
        GuiTestSupport.waitUntil("the frame the overlay asked for", 5, () -> painted.size() >= 2);
        assertEquals(List.of("first true", "second"), painted.subList(0, 2));
    }

    @Test
    void aClickGoesToTheFirstToolThatHandlesItAndADragToTheFirstThatTakesIt(FxRobot robot) {
        List<String> heard = new CopyOnWriteArrayList<>();
        ViewerTool declines = new ViewerTool() {
            @Override
            public boolean clicked(SlideViewer v, MouseEvent click) {
                heard.add("declines click");
                return false;
            }
        };
        ViewerTool handles = new ViewerTool() {
            @Override
            public boolean clicked(SlideViewer v, MouseEvent click) {
                heard.add("handles click");
                return true;
            }

            @Override
            public boolean takesDrag(MouseEvent press) {
                return true;
            }

            @Override
            public void released(SlideViewer v, Drag drag, MouseEvent release) {
                heard.add("drag " + (drag.moved() ? "moved" : "stayed"));
            }
        };
        ViewerTool last = new ViewerTool() {
            @Override
            public boolean clicked(SlideViewer v, MouseEvent click) {
                heard.add("never");
                return true;
            }

            @Override
            public boolean takesDrag(MouseEvent press) {
                heard.add("never");
                return true;
            }
        };
        robot.interact(() -> {
            viewer.tools().setAll(declines, handles, last);
            viewer.imageProperty().set(image);
        });
        robot.clickOn(viewer);
        assertEquals(List.of("drag stayed", "declines click", "handles click"), heard);
        heard.clear();
        robot.drag(viewer, MouseButton.PRIMARY).moveBy(60, 20).release(MouseButton.PRIMARY);
        assertEquals(List.of("drag moved"), heard, "a drag is not a click");
        assertTrue(viewer.showing());
    }
}
