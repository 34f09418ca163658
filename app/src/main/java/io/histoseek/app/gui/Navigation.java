package io.histoseek.app.gui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Back/forward history of places the user looked at, like a browser's. */
public final class Navigation<T> {
    private final Deque<T> back = new ArrayDeque<>();
    private final Deque<T> forward = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canGoForward = new ReadOnlyBooleanWrapper(false);

    /** Records {@code current} as the place to come back to before going somewhere new. */
    public void leave(T current) {
        back.push(current);
        forward.clear();
        update();
    }

    public Optional<T> back(T current) {
        if (back.isEmpty()) {
            return Optional.empty();
        }
        forward.push(current);
        T target = back.pop();
        update();
        return Optional.of(target);
    }

    public Optional<T> forward(T current) {
        if (forward.isEmpty()) {
            return Optional.empty();
        }
        back.push(current);
        T target = forward.pop();
        update();
        return Optional.of(target);
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }

    private void update() {
        canGoBack.set(!back.isEmpty());
        canGoForward.set(!forward.isEmpty());
    }
}
