/**
 * The entry point only ({@code Main}): it hands the command line to {@code app.cli}. Everything
 * else of the app lives in the packages below it, which never import this one.
 */
package io.histoseek.app;
