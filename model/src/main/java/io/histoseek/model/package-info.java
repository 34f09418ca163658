/**
 * The encoder's API: {@link io.histoseek.model.TileEncoder}, the tile geometry
 * ({@link io.histoseek.model.TileSpec}), {@link io.histoseek.model.ModelIdentity}, preprocessing
 * (resize, crop, normalize) and encoder options. Uses only the JDK; knows nothing of slides,
 * archives or the UI (the module sits at the bottom of the data flow).
 */
package io.histoseek.model;
