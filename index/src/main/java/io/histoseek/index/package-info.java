/**
 * Rules every index package applies the same way: the limits of work done on the fly
 * ({@link io.histoseek.index.Limits}) and how a failed write is told to the user
 * ({@link io.histoseek.index.DiskErrors}). Uses only the JDK; the index packages may use it, it
 * uses none of them.
 */
package io.histoseek.index;
