package io.histoseek.app.gui.viewer;

import javafx.event.Event;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/** Turns the viewer's mouse and key events into gestures and hands them to its tools. */
final class ToolInput {
    private final SlideViewer viewer;
    private ViewerTool dragOwner;
    private Drag drag;

    private ToolInput(SlideViewer viewer) {
        this.viewer = viewer;
    }

    static void install(SlideViewer viewer) {
        ToolInput input = new ToolInput(viewer);
        viewer.addEventHandler(MouseEvent.MOUSE_PRESSED, input::pressed);
        viewer.addEventHandler(MouseEvent.MOUSE_DRAGGED, input::dragged);
        viewer.addEventHandler(MouseEvent.MOUSE_RELEASED, input::released);
        viewer.addEventHandler(ScrollEvent.SCROLL, event -> input.offer(event, tool -> tool.scrolled(viewer, event)));
        viewer.addEventHandler(KeyEvent.KEY_PRESSED, event -> input.offer(event, tool -> tool.keyPressed(viewer, event)));
    }

    private void pressed(MouseEvent event) {
        viewer.requestFocus();
        drag = Drag.start(event.getX(), event.getY());
        dragOwner = viewer.tools().stream().filter(tool -> tool.takesDrag(event)).findFirst().orElse(null);
    }

    private void dragged(MouseEvent event) {
        if (drag == null || !viewer.showing()) {
            return;
        }
        drag = drag.to(event.getX(), event.getY());
        if (dragOwner != null) {
            dragOwner.dragged(viewer, drag);
        }
    }

    private void released(MouseEvent event) {
        Drag ended = drag;
        ViewerTool owner = dragOwner;
        drag = null;
        dragOwner = null;
        if (ended == null || !viewer.showing()) {
            return;
        }
        if (owner != null) {
            owner.released(viewer, ended, event);
        }
        if (!ended.moved() && event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 1) {
            offer(event, tool -> tool.clicked(viewer, event));
        }
    }

    private interface Handler {
        boolean handle(ViewerTool tool);
    }

    private void offer(Event event, Handler handler) {
        if (!viewer.showing()) {
            return;
        }
        for (ViewerTool tool : viewer.tools()) {
            if (handler.handle(tool)) {
                event.consume();
                return;
            }
        }
    }
}
