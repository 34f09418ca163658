package io.histoseek.model;

/**
 * Arithmetic of the forward pass. {@code FP16} runs linear layers and attention matmuls in
 * float16 while LayerNorm, softmax and residual sums stay float32, like {@code torch.autocast}.
 */
public enum Precision { FP32, FP16 }
