/**
 * The user's settings: the XDG folders ({@code AppDirs}), the shared settings file
 * ({@code AppConfig}) and the model registered in it ({@code RegisteredModel}). Uses the JDK only;
 * every other app package may use it, it uses none of them.
 */
package io.histoseek.app.config;
