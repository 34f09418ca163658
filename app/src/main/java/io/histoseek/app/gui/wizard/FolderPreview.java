package io.histoseek.app.gui.wizard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the chosen folders hold: the slides, and totals per format. */
public record FolderPreview(List<SlidePreview> slides) {
    public FolderPreview {
        slides = List.copyOf(slides);
    }

    public Map<String, Integer> slidesPerFormat() {
        Map<String, Integer> counts = new TreeMap<>();
        slides.forEach(slide -> counts.merge(slide.format(), 1, Integer::sum));
        return counts;
    }

    public long totalBytes() {
        return slides.stream().mapToLong(SlidePreview::bytes).sum();
    }

    public long estimatedTiles() {
        return slides.stream().mapToLong(SlidePreview::estimatedTiles).sum();
    }

    public long failing() {
        return slides.stream().filter(slide -> !slide.indexable()).count();
    }
}
