package io.histoseek.model.vit;

import ai.djl.ndarray.NDArray;

/** One pre-norm transformer block: attention and GluMlp, each behind a LayerNorm and LayerScale. */
record BlockWeights(
        NDArray norm1Weight, NDArray norm1Bias,
        NDArray qkvWeight, NDArray qkvBias, NDArray projWeight, NDArray projBias, NDArray layerScale1,
        NDArray norm2Weight, NDArray norm2Bias,
        NDArray fc1Weight, NDArray fc1Bias, NDArray fc2Weight, NDArray fc2Bias, NDArray layerScale2) {}
