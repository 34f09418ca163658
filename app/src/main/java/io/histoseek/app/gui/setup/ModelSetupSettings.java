package io.histoseek.app.gui.setup;

import io.histoseek.app.config.AppDirs;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.setup.ModelSetup;

import java.net.URI;
import java.util.Map;

/**
 * Where the model setup dialog registers a model and downloads it from, and whether the app offers
 * it on start when no model is configured.
 *
 * @param dirs         settings folder (the model is registered in its settings file) and data folder
 *                     (downloads go to its {@code models/})
 * @param downloadUrl  the checkpoint to download; {@code -Dhistoseek.model.url=URL} overrides H-optimus-0's
 * @param offerOnStart show the dialog when the main window opens and no model is configured
 */
public record ModelSetupSettings(AppDirs dirs, URI downloadUrl, boolean offerOnStart) {
    public static final String URL_PROPERTY = "histoseek.model.url";

    /** The settings file the preferences use, this user's data folder, and the released weights (or the override). */
    public static ModelSetupSettings forPreferences(GuiPreferences preferences, boolean offerOnStart) {
        AppDirs user = AppDirs.fromEnvironment();
        String override = System.getProperty(URL_PROPERTY, "");
        URI url = override.isBlank() ? ModelSetup.H_OPTIMUS_0_URL : URI.create(override.strip());
        return new ModelSetupSettings(new AppDirs(preferences.file().getParent(), user.dataDir()), url, offerOnStart);
    }

    /**
     * No checkpoint from anywhere the app looks: none registered, none remembered by the app, and
     * no {@code HISTOSEEK_CHECKPOINT}.
     */
    public static boolean modelMissing(GuiPreferences preferences, Map<String, String> environment) {
        String fromEnvironment = environment.get("HISTOSEEK_CHECKPOINT");
        return preferences.checkpoint().isEmpty() && (fromEnvironment == null || fromEnvironment.isBlank());
    }
}
