/**
 * Opens an encoder from a checkpoint file with a chosen device and precision ({@code Encoders},
 * {@code DeviceChoice}): the one entry point the index and app modules use. May use every model
 * package; nothing in the model module may use it (that would bring back the old cycle).
 */
package io.histoseek.model.load;
