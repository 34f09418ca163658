/**
 * The model setup dialog of the app (download H-optimus-0, use a checkpoint one has, or later),
 * doing what {@code histoseek model download | use} do. May use {@code app.setup},
 * {@code app.config}, {@code gui.model} (preferences) and {@code gui.fx}; must not know the main
 * window or other panels (it reports a registered model through a callback).
 */
package io.histoseek.app.gui.setup;
