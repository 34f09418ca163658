/**
 * The two helpers every module shares: a failure told in one line ({@code OneLine}) and named
 * daemon threads ({@code DaemonThreads}). Uses the JDK only; any package of any module may use
 * it, it uses none of them.
 */
package io.histoseek.model.support;
