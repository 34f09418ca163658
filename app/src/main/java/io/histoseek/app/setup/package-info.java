/**
 * Getting the model's weights in place: resumable download, verification by the loader,
 * registration in the settings file, the torch device check. Shared by {@code histoseek model} and
 * the app's setup dialog; may use {@code app.config} and the model module; must not use cli or gui.
 */
package io.histoseek.app.setup;
