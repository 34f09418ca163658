/**
 * The command line: one class per {@code histoseek} command plus the option mixins they share and
 * the one-line error handler. May use every app package below it ({@code gui} only to launch the
 * app) and the index and model modules; nothing else of the app may use it.
 */
package io.histoseek.app.cli;
