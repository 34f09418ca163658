/**
 * Reads weights without Python: PyTorch zip checkpoints through a restricted unpickler, and
 * safetensors; tensors stay memory-mapped regions of the file. Uses the JDK and the model API's
 * {@code CheckpointException} (every bad file is one line); must not depend on DJL or the ViT.
 */
package io.histoseek.model.checkpoint;
