/**
 * The H-optimus-0 ViT-g/14 forward pass as DJL NDArray ops: the layout read from a checkpoint's
 * names and shapes, the weights, blocks (attention, LayerScale, SwiGLU) and the encoder that runs
 * them. Uses the model API, {@code checkpoint} and DJL; must not know about slides or archives.
 */
package io.histoseek.model.vit;
