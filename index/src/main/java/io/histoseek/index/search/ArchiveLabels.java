package io.histoseek.index.search;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.VectorFilter;
import io.histoseek.index.cases.CaseLabel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An archive's labels as read once, and the filters the case features search with: which slides
 * may vote for a query (labeled, of another case) and which may be returned at all (of another
 * case). A slide without a label is a case of its own. Immutable; thread-safe.
 */
public final class ArchiveLabels {
    /** An archive without labels. */
    public static final ArchiveLabels NONE = new ArchiveLabels(Map.of(), Set.of());

    private final Map<Long, SlideLabel> bySlide;
    private final Map<String, Set<Long>> slidesByCase = new HashMap<>();
    private final Set<Long> slides;

    private ArchiveLabels(Map<Long, SlideLabel> bySlide, Set<Long> slides) {
        this.bySlide = Map.copyOf(bySlide);
        this.slides = Set.copyOf(slides);
        for (SlideLabel label : bySlide.values()) {
            slidesByCase.computeIfAbsent(label.caseId(), c -> new HashSet<>()).add(label.slideId());
        }
    }

    public static ArchiveLabels of(Archive archive) {
        Set<Long> slides = new HashSet<>();
        for (SlideRecord slide : archive.slides()) slides.add(slide.id());
        Map<Long, SlideLabel> labels = new HashMap<>(archive.labels());
        labels.keySet().retainAll(slides);
        return new ArchiveLabels(labels, slides);
    }

    public boolean isEmpty() {
        return bySlide.isEmpty();
    }

    public Optional<SlideLabel> of(long slideId) {
        return Optional.ofNullable(bySlide.get(slideId));
    }

    /** Every labeled slide's label, by slide id. */
    public Map<Long, SlideLabel> all() {
        return bySlide;
    }

    /** The distinct labels, in order. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(bySlide.values().stream().map(SlideLabel::label).toList()));
    }

    /** What the protocol knows of a slide: its label and case; null for an unlabeled slide. */
    public CaseLabel caseLabel(long slideId) {
        SlideLabel label = bySlide.get(slideId);
        return label == null ? null : new CaseLabel(label.label(), label.caseId());
    }

    /** The slides of a slide's case, itself included. */
    public Set<Long> caseSlides(long slideId) {
        SlideLabel label = bySlide.get(slideId);
        return label == null ? Set.of(slideId) : slidesByCase.get(label.caseId());
    }

    /** Slides that may vote for a query from {@code querySlideId} (-1: none): labeled, of another case. */
    public VectorFilter voters(long querySlideId) {
        Set<Long> voters = new HashSet<>(bySlide.keySet());
        Set<Long> caseSlides = querySlideId < 0 ? Set.of() : caseSlides(querySlideId);
        voters.removeAll(caseSlides);
        Set<Long> others = new HashSet<>(slides);
        others.removeAll(voters);
        // The engine takes either form; the shorter list is the cheaper filter to build.
        return voters.size() <= others.size() ? VectorFilter.only(voters) : VectorFilter.allBut(others);
    }

    /** Slides that may be returned for a query from {@code querySlideId}: any outside its case. */
    public VectorFilter otherCases(long querySlideId) {
        return VectorFilter.allBut(caseSlides(querySlideId));
    }

    /** The slides labeled {@code label} (the search's filter by label). */
    public Set<Long> slidesLabeled(String label) {
        Set<Long> ids = new HashSet<>();
        bySlide.values().stream().filter(l -> l.label().equals(label)).forEach(l -> ids.add(l.slideId()));
        return ids;
    }
}
