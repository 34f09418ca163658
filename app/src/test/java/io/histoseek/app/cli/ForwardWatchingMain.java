package io.histoseek.app.cli;

import io.histoseek.app.Main;

import java.util.Arrays;

/**
 * {@link Main} plus one line, {@value #MARKER}, on stdout as soon as some thread is inside the
 * encoder's forward pass (seen in its stack): tests send their signal at that moment.
 */
public final class ForwardWatchingMain {
    static final String MARKER = "forward pass running";

    private ForwardWatchingMain() {}

    public static void main(String[] args) {
        Thread.ofPlatform().name("forward-watch").daemon().start(ForwardWatchingMain::watch);
        Main.main(args);
    }

    private static void watch() {
        try {
            while (!insideForwardPass()) {
                Thread.sleep(50);
            }
            System.out.println(MARKER);
            System.out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean insideForwardPass() {
        return Thread.getAllStackTraces().values().stream().flatMap(Arrays::stream)
                .anyMatch(frame -> frame.getClassName().equals("io.histoseek.model.vit.VitForward"));
    }
}
