package io.histoseek.app.gui.viewer;

import io.histoseek.index.slide.SlideImage;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The pyramid viewer: draws the tiles of the level that fits the zoom from the {@link TileCache}
 * (over the slide's thumbnail while they load), and turns mouse and keys into pan, zoom and
 * queries. It never reads pixels on the FX thread.
 */
public final class SlideViewer extends Region {
    private static final double WHEEL_STEP = 1.25;
    private static final double KEY_PAN_PIXELS = 120;
    private static final double DRAG_THRESHOLD = 4;

    private final Canvas canvas = new Canvas();
    private final TileCache cache;
    private final TileLoader loader;
    private final ExecutorService thumbnailReader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "thumbnail-reader");
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyObjectWrapper<SlideImage> source = new ReadOnlyObjectWrapper<>(this, "source");
    private final ReadOnlyObjectWrapper<Image> thumbnail = new ReadOnlyObjectWrapper<>(this, "thumbnail");
    private final ObjectProperty<Viewport> viewport = new SimpleObjectProperty<>(this, "viewport");
    private final ObservableList<Outline> outlines = FXCollections.observableArrayList();
    private Consumer<ImageRegion> onQuery = region -> {};

    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragging;
    private boolean selecting;
    private ImageRegion selection;
    private boolean repaintPending;

    public SlideViewer(TileCache cache, int readerThreads) {
        this.cache = cache;
        this.loader = new TileLoader(cache, readerThreads, this::requestRepaint);
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(200, 150);
        getStyleClass().add("slide-viewer");
        setId("slideViewer");
        viewport.addListener((obs, old, now) -> requestRepaint());
        outlines.addListener((javafx.collections.ListChangeListener<Outline>) change -> requestRepaint());
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /** Shows {@code newSource} fitted to the window; the previous source is not closed here. */
    public void setSource(SlideImage newSource) {
        SlideImage previous = source.get();
        if (previous != null) {
            cache.evict(previous);
        }
        source.set(newSource);
        thumbnail.set(null);
        outlines.clear();
        if (newSource == null) {
            viewport.set(null);
            return;
        }
        viewport.set(Viewport.fit(newSource.width(), newSource.height(), screenWidth(), screenHeight()));
        thumbnailReader.execute(() -> {
            try {
                Image image = SwingFXUtils.toFXImage(newSource.thumbnail(1024), null);
                Platform.runLater(() -> {
                    if (source.get() == newSource) {
                        thumbnail.set(image);
                        requestRepaint();
                    }
                });
            } catch (Exception e) {
                // No thumbnail: the tiles alone draw the slide.
            }
        });
    }

    public ReadOnlyObjectProperty<SlideImage> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public SlideImage getSource() {
        return source.get();
    }

    public ReadOnlyObjectProperty<Image> thumbnailProperty() {
        return thumbnail.getReadOnlyProperty();
    }

    public ObjectProperty<Viewport> viewportProperty() {
        return viewport;
    }

    public Viewport getViewport() {
        return viewport.get();
    }

    public ObservableList<Outline> getOutlines() {
        return outlines;
    }

    /** Called with a point (click) or a rectangle (shift-drag) in level-0 pixels. */
    public void setOnQuery(Consumer<ImageRegion> handler) {
        this.onQuery = handler;
    }

    public void fitToWindow() {
        SlideImage current = source.get();
        if (current != null) {
            viewport.set(Viewport.fit(current.width(), current.height(), screenWidth(), screenHeight()));
        }
    }

    /** Centres the view on {@code region}, zoomed so it fills about a quarter of the window's width. */
    public void centreOn(ImageRegion region) {
        Viewport now = viewport.get();
        if (now == null) {
            return;
        }
        double size = Math.max(region.width(), region.height());
        double downsample = size > 0 ? Math.max(Viewport.MIN_DOWNSAMPLE, size * 3 / Math.min(screenWidth(), screenHeight()))
                : now.downsample();
        viewport.set(now.withDownsample(downsample).centredOn(region.centreX(), region.centreY()));
    }

    public void zoom(double factor) {
        Viewport now = viewport.get();
        if (now != null) {
            viewport.set(now.zoomAround(now.screenWidth() / 2, now.screenHeight() / 2, factor, maxDownsample()));
        }
    }

    public void dispose() {
        loader.close();
        thumbnailReader.shutdownNow();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        Viewport now = viewport.get();
        if (now != null && (now.screenWidth() != getWidth() || now.screenHeight() != getHeight())) {
            boolean wasFitted = now.screenWidth() <= 1 || now.screenHeight() <= 1;
            viewport.set(wasFitted ? Viewport.fit(source.get().width(), source.get().height(), getWidth(), getHeight())
                    : now.resized(getWidth(), getHeight()));
        }
        requestRepaint();
    }

    private double screenWidth() {
        return Math.max(1, getWidth());
    }

    private double screenHeight() {
        return Math.max(1, getHeight());
    }

    private double maxDownsample() {
        SlideImage current = source.get();
        return current == null ? 1 : Math.max(current.width(), current.height()) / 64.0;
    }

    private void requestRepaint() {
        if (!repaintPending) {
            repaintPending = true;
            Platform.runLater(() -> {
                repaintPending = false;
                paint();
            });
        }
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#3c3f44"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        SlideImage current = source.get();
        Viewport view = viewport.get();
        if (current == null || view == null) {
            paintHint(g);
            return;
        }
        double left = view.toScreenX(0);
        double top = view.toScreenY(0);
        double width = current.width() / view.downsample();
        double height = current.height() / view.downsample();
        g.setFill(Color.WHITE);
        g.fillRect(left, top, width, height);
        Image thumb = thumbnail.get();
        if (thumb != null) {
            g.drawImage(thumb, left, top, width, height);
        }
        paintTiles(g, current, view);
        paintOutlines(g, view);
        paintScale(g, current, view);
    }

    private void paintTiles(GraphicsContext g, SlideImage current, Viewport view) {
        int level = current.levelFor(view.downsample());
        double levelDownsample = current.levelDownsample(level);
        double tileImageSize = TileKey.TILE_SIZE * levelDownsample;
        long firstColumn = Math.max(0, (long) Math.floor(view.left() / tileImageSize));
        long firstRow = Math.max(0, (long) Math.floor(view.top() / tileImageSize));
        long lastColumn = Math.min((current.levelWidth(level) - 1) / TileKey.TILE_SIZE, (long) Math.floor(view.right() / tileImageSize));
        long lastRow = Math.min((current.levelHeight(level) - 1) / TileKey.TILE_SIZE, (long) Math.floor(view.bottom() / tileImageSize));
        List<TileKey> wanted = new ArrayList<>();
        double scale = levelDownsample / view.downsample();
        for (long row = firstRow; row <= lastRow; row++) {
            for (long column = firstColumn; column <= lastColumn; column++) {
                TileKey key = new TileKey(current, level, column, row);
                Image tile = cache.get(key);
                if (tile == null) {
                    wanted.add(key);
                    continue;
                }
                double x = view.toScreenX(column * tileImageSize);
                double y = view.toScreenY(row * tileImageSize);
                // Half a pixel of overlap hides the seams between neighbouring tiles.
                g.drawImage(tile, Math.floor(x), Math.floor(y),
                        Math.ceil(tile.getWidth() * scale + 0.5), Math.ceil(tile.getHeight() * scale + 0.5));
            }
        }
        loader.want(wanted);
    }

    private void paintOutlines(GraphicsContext g, Viewport view) {
        for (Outline outline : outlines) {
            strokeRegion(g, view, outline.region(), outline.color(), false);
            if (outline.label() != null && !outline.label().isEmpty()) {
                double x = view.toScreenX(outline.region().x());
                double y = view.toScreenY(outline.region().y());
                g.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, 12));
                g.setFill(Color.color(0, 0, 0, 0.65));
                g.fillRect(x - 1, y - 19, outline.label().length() * 7.2 + 8, 17);
                g.setFill(outline.color());
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.BOTTOM);
                g.fillText(outline.label(), x + 3, y - 4);
            }
        }
        if (selection != null) {
            strokeRegion(g, view, selection, Color.YELLOW, true);
        }
    }

    private static void strokeRegion(GraphicsContext g, Viewport view, ImageRegion region, Color color, boolean dashed) {
        double x = view.toScreenX(region.x());
        double y = view.toScreenY(region.y());
        double w = Math.max(3, region.width() / view.downsample());
        double h = Math.max(3, region.height() / view.downsample());
        g.setLineDashes(dashed ? new double[] {6, 4} : null);
        g.setStroke(Color.color(0, 0, 0, 0.6));
        g.setLineWidth(4);
        g.strokeRect(x, y, w, h);
        g.setStroke(color);
        g.setLineWidth(2);
        g.strokeRect(x, y, w, h);
        g.setLineDashes((double[]) null);
    }

    private void paintScale(GraphicsContext g, SlideImage current, Viewport view) {
        double mpp = current.scale().known() ? current.scale().mpp() : 0;
        String magnification = ScaleBar.magnification(current.objectivePower().orElse(0), mpp, view.downsample());
        double boxX = 10;
        double boxY = canvas.getHeight() - 46;
        g.setFill(Color.color(1, 1, 1, 0.85));
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        if (mpp > 0) {
            ScaleBar bar = ScaleBar.forScreen(mpp * view.downsample(), 120);
            g.fillRoundRect(boxX, boxY, Math.max(bar.pixels(), 70) + 80, 36, 6, 6);
            g.setFill(Color.BLACK);
            g.fillRect(boxX + 8, boxY + 22, bar.pixels(), 5);
            g.fillText(bar.label(), boxX + 8, boxY + 4);
            g.fillText(magnification, boxX + Math.max(bar.pixels(), 70) + 22, boxY + 14);
        } else {
            g.fillRoundRect(boxX, boxY, 190, 36, 6, 6);
            g.setFill(Color.BLACK);
            g.fillText("no scale: slide has no mpp", boxX + 8, boxY + 4);
            g.fillText(magnification, boxX + 8, boxY + 19);
        }
    }

    private void paintHint(GraphicsContext g) {
        g.setFill(Color.color(1, 1, 1, 0.7));
        g.setFont(Font.font(16));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("Open a slide with Open slide\u2026,\nor double-click one in the archive",
                canvas.getWidth() / 2, canvas.getHeight() / 2);
    }

    private void onScroll(ScrollEvent event) {
        Viewport now = viewport.get();
        if (now == null || event.getDeltaY() == 0) {
            return;
        }
        double factor = Math.pow(WHEEL_STEP, Math.signum(event.getDeltaY()) * Math.max(1, Math.abs(event.getDeltaY()) / 40));
        viewport.set(now.zoomAround(event.getX(), event.getY(), factor, maxDownsample()));
        event.consume();
    }

    private void onPressed(MouseEvent event) {
        requestFocus();
        pressX = lastX = event.getX();
        pressY = lastY = event.getY();
        dragging = false;
        selecting = event.isShiftDown() && event.getButton() == MouseButton.PRIMARY;
        selection = null;
    }

    private void onDragged(MouseEvent event) {
        Viewport now = viewport.get();
        if (now == null) {
            return;
        }
        if (Math.hypot(event.getX() - pressX, event.getY() - pressY) > DRAG_THRESHOLD) {
            dragging = true;
        }
        if (selecting) {
            selection = regionBetween(now, pressX, pressY, event.getX(), event.getY());
            requestRepaint();
        } else if (dragging) {
            SlideImage current = source.get();
            viewport.set(now.panByScreen(event.getX() - lastX, event.getY() - lastY)
                    .clampedTo(current.width(), current.height()));
        }
        lastX = event.getX();
        lastY = event.getY();
    }

    private void onReleased(MouseEvent event) {
        Viewport now = viewport.get();
        SlideImage current = source.get();
        if (now == null || current == null || event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (selecting && dragging && selection != null && selection.width() > 0 && selection.height() > 0) {
            ImageRegion chosen = selection;
            selection = null;
            requestRepaint();
            onQuery.accept(chosen);
        } else if (!dragging && event.getClickCount() == 1) {
            long x = (long) Math.floor(now.toImageX(event.getX()));
            long y = (long) Math.floor(now.toImageY(event.getY()));
            if (x >= 0 && y >= 0 && x < current.width() && y < current.height()) {
                onQuery.accept(ImageRegion.point(x, y));
            }
        }
        selecting = false;
    }

    private ImageRegion regionBetween(Viewport view, double x1, double y1, double x2, double y2) {
        SlideImage current = source.get();
        long left = (long) Math.clamp(view.toImageX(Math.min(x1, x2)), 0, current.width());
        long top = (long) Math.clamp(view.toImageY(Math.min(y1, y2)), 0, current.height());
        long right = (long) Math.clamp(view.toImageX(Math.max(x1, x2)), 0, current.width());
        long bottom = (long) Math.clamp(view.toImageY(Math.max(y1, y2)), 0, current.height());
        return new ImageRegion(left, top, right - left, bottom - top);
    }

    private void onKey(KeyEvent event) {
        Viewport now = viewport.get();
        SlideImage current = source.get();
        if (now == null || current == null) {
            return;
        }
        Viewport next = switch (event.getCode()) {
            case LEFT -> now.panByScreen(KEY_PAN_PIXELS, 0);
            case RIGHT -> now.panByScreen(-KEY_PAN_PIXELS, 0);
            case UP -> now.panByScreen(0, KEY_PAN_PIXELS);
            case DOWN -> now.panByScreen(0, -KEY_PAN_PIXELS);
            case PLUS, EQUALS, ADD -> now.zoomAround(now.screenWidth() / 2, now.screenHeight() / 2, WHEEL_STEP, maxDownsample());
            case MINUS, SUBTRACT -> now.zoomAround(now.screenWidth() / 2, now.screenHeight() / 2, 1 / WHEEL_STEP, maxDownsample());
            case F, DIGIT0, NUMPAD0 -> Viewport.fit(current.width(), current.height(), screenWidth(), screenHeight());
            default -> null;
        };
        if (next != null) {
            viewport.set(next.clampedTo(current.width(), current.height()));
            event.consume();
        }
    }
}
