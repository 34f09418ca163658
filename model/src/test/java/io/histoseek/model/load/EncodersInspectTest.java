package io.histoseek.model.load;

import io.histoseek.model.CheckpointException;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.SharedFixtures;
import io.histoseek.model.VitArchitecture;
import io.histoseek.model.checkpoint.CheckpointFixtures;
import io.histoseek.model.checkpoint.DType;
import io.histoseek.model.checkpoint.TorchCheckpointWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodersInspectTest {
    static final VitArchitecture TINY = new VitArchitecture(48, 2, 3, 128, 4, 14);

    @TempDir
    Path temp;

    @Test
    void bothFormatsOfTheTinyModelHaveOneIdentity() throws Exception {
        ModelIdentity pth = Encoders.inspect(SharedFixtures.model("tiny-hoptimus.pth"), OptionalInt.empty());
        ModelIdentity safetensors = Encoders.inspect(SharedFixtures.model("tiny-hoptimus.safetensors"), OptionalInt.empty());
        assertEquals(TINY.toString(), pth.architecture());
        assertEquals(TINY.dim(), pth.dimension());
        assertEquals(pth, safetensors);
        assertEquals(64, pth.fingerprint().length());

        Path copy = temp.resolve("elsewhere.pth");
        TorchCheckpointWriter.write(copy, CheckpointFixtures.tinyAs(DType.F32, name -> name));
        assertEquals(pth, Encoders.inspect(copy, OptionalInt.empty()), "path and container do not matter");
        Path half = temp.resolve("half.pth");
        TorchCheckpointWriter.write(half, CheckpointFixtures.tinyAs(DType.F16, name -> name));
        assertNotEquals(pth.fingerprint(), Encoders.inspect(half, OptionalInt.empty()).fingerprint(), "other weights");
    }

    @Test
    void headsCanBeOverriddenButMustDivideTheWidth() throws Exception {
        Path tiny = SharedFixtures.model("tiny-hoptimus.pth");
        assertTrue(Encoders.inspect(tiny, OptionalInt.of(4)).architecture().contains("heads 4"));
        CheckpointException error = assertThrows(CheckpointException.class, () -> Encoders.inspect(tiny, OptionalInt.of(5)));
        assertEquals(tiny + ": 5 heads do not divide the width 48", error.getMessage());
    }

    @Test
    void checkpointsThatDoNotFitTheVitSayWhatIsWrong() throws Exception {
        assertRefused("missing blocks.1.mlp.fc2.bias", tensors -> tensors.removeIf(t -> t.name().equals("blocks.1.mlp.fc2.bias")));
        assertRefused("wrong shape: blocks.0.ls1.gamma is [47], expected [48]", tensors -> tensors.replaceAll(t ->
                t.name().equals("blocks.0.ls1.gamma") ? new TorchCheckpointWriter.Tensor(t.name(), t.dtype(), new long[] {47}, t.filler()) : t));
        assertRefused("unexpected head.weight", tensors -> tensors.add(new TorchCheckpointWriter.Tensor(
                "head.weight", DType.F32, new long[] {2, 48}, (chunk, offset) -> chunk.position(chunk.limit()))));
        assertRefused("patch_embed.proj.weight is missing", tensors -> tensors.removeIf(t -> t.name().startsWith("patch_embed")));
    }

    private void assertRefused(String expected, java.util.function.Consumer<List<TorchCheckpointWriter.Tensor>> damage)
            throws Exception {
        List<TorchCheckpointWriter.Tensor> tensors = new ArrayList<>(CheckpointFixtures.tinyAs(DType.F32, name -> name));
        damage.accept(tensors);
        Path file = temp.resolve("damaged.pth");
        TorchCheckpointWriter.write(file, tensors);
        CheckpointException error = assertThrows(CheckpointException.class, () -> Encoders.inspect(file, OptionalInt.empty()));
        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
