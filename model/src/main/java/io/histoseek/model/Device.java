package io.histoseek.model;

/** Where the encoder runs. {@code AUTO} picks a CUDA GPU when one is usable, else the CPU. */
public enum Device { AUTO, CPU, GPU }
