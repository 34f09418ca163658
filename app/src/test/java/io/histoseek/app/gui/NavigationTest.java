package io.histoseek.app.gui;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NavigationTest {
    @Test
    void backAndForwardLikeABrowser() {
        Navigation<String> history = new Navigation<>();
        assertFalse(history.canGoBackProperty().get());
        history.leave("query");
        assertEquals(Optional.of("query"), history.back("hit 1"));
        assertTrue(history.canGoForwardProperty().get());
        assertEquals(Optional.of("hit 1"), history.forward("query"));
        history.back("hit 1");
        history.leave("query");
        assertFalse(history.canGoForwardProperty().get(), "going somewhere new drops the forward list");
        assertEquals(Optional.empty(), history.forward("hit 2"));
    }
}
