package io.histoseek.app.setup;

import io.histoseek.app.config.AppConfig;
import io.histoseek.app.config.AppDirs;
import io.histoseek.app.config.RegisteredModel;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Gets a verified checkpoint registered in the settings: downloaded ({@link #download}) or one the
 * user already has ({@link #use}). Nothing is registered unless the loader accepted the file.
 */
public final class ModelSetup {
    /** The released H-optimus-0 weights (Apache-2.0), linked from the model card. */
    public static final URI H_OPTIMUS_0_URL =
            URI.create("https://public-bioptimus-eu-west-3.s3.eu-west-3.amazonaws.com/h-optimus-v0/checkpoint.pth");
    static final String H_OPTIMUS_0_FILE = "h-optimus-0.pth";
    static final String PART_SUFFIX = ".part";

    private final AppDirs dirs;
    private final CheckpointVerifier verifier;

    public ModelSetup(AppDirs dirs, CheckpointVerifier verifier) {
        this.dirs = dirs;
        this.verifier = verifier;
    }

    public Optional<RegisteredModel> registered() throws IOException {
        return RegisteredModel.from(AppConfig.load(dirs));
    }

    /** Verifies a checkpoint the user already has and registers it where it is. */
    public Registration use(Path checkpoint) throws IOException {
        Path file = checkpoint.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        return register(file, verifier.verify(file));
    }

    /**
     * Downloads {@code url} into {@code folder} under a {@code .part} name, resuming an earlier
     * try, verifies it, and only then renames and registers it.
     */
    public Registration download(URI url, Path folder, ResumableDownload download, DownloadListener progress)
            throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve(fileName(url)).toAbsolutePath().normalize();
        if (Files.exists(target)) {
            return register(target, verifyExisting(target));
        }
        Path part = target.resolveSibling(target.getFileName() + PART_SUFFIX);
        download.fetch(url, part, progress);
        CheckpointVerifier.Verification verification;
        try {
            verification = verifier.verify(part);
        } catch (IOException | RuntimeException e) {
            // a complete download that does not load will not get better by resuming it
            Files.deleteIfExists(part);
            Files.deleteIfExists(ResumableDownload.validatorFile(part));
            throw new IOException(url + ": the downloaded file is not a usable checkpoint ("
                    + e.getMessage() + "); deleted it", e);
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        return register(target, verification);
    }

    public Path defaultFolder() {
        return dirs.modelsDir();
    }

    static String fileName(URI url) {
        if (url.equals(H_OPTIMUS_0_URL)) {
            return H_OPTIMUS_0_FILE;
        }
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "checkpoint.pth" : last;
    }

    private CheckpointVerifier.Verification verifyExisting(Path target) throws IOException {
        try {
            return verifier.verify(target);
        } catch (IOException e) {
            throw new IOException(target + ": already exists and is not a usable checkpoint ("
                    + e.getMessage() + "); delete it or choose another folder with --to", e);
        }
    }

    private Registration register(Path file, CheckpointVerifier.Verification verification) throws IOException {
        RegisteredModel model = new RegisteredModel(file, Files.size(file), verification.identity(), Instant.now());
        AppConfig config = AppConfig.load(dirs);
        model.writeTo(config);
        config.save();
        return new Registration(model, verification, config.file());
    }

    /** What was registered, what the loader said about it, and where the setting was saved. */
    public record Registration(RegisteredModel model, CheckpointVerifier.Verification verification, Path configFile) {}
}
