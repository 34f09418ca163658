package io.histoseek.index.pipeline;

/** Lets a controller hold the encoder between batches; readers stop when their buffers run out. */
final class PauseGate {
    private boolean paused;

    synchronized void pause() { paused = true; }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    synchronized boolean isPaused() { return paused; }

    /** Blocks while paused; {@code cancelled} is re-checked so cancel wins over pause. */
    synchronized void awaitOpen(java.util.function.BooleanSupplier cancelled) throws InterruptedException {
        while (paused && !cancelled.getAsBoolean()) {
            wait(200);
        }
    }
}
