/**
 * Rules every index package applies the same way: the limits of work done on the fly
 * ({@link io.histoseek.index.Limits}), how a failed write is told to the user
 * ({@link io.histoseek.index.DiskErrors}) and text escaping ({@link io.histoseek.index.TextEscapes}).
 * Uses only the JDK; the index packages and the app may use it, it uses none of them.
 */
package io.histoseek.index;
