package io.histoseek.app.gui.wizard;

import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.index.pipeline.IndexingRequest;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.model.Device;
import io.histoseek.model.Precision;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

import java.nio.file.Path;
import java.util.List;

/** Step 3 of the wizard: device, precision, tissue threshold, reader threads and an assumed scale. */
final class OptionsPage extends GridPane {
    private final ComboBox<Device> device = new ComboBox<>();
    private final ComboBox<String> precision = new ComboBox<>();
    private final Spinner<Double> tissueThreshold = new Spinner<>(0.0, 1.0, TileGrid.DEFAULT_MIN_TISSUE, 0.05);
    private final Spinner<Integer> threads = new Spinner<>(1, 64, IndexingRequest.defaultReaderThreads());
    private final TextField assumeMpp = new TextField();

    OptionsPage(GuiPreferences preferences) {
        super(10, 10);
        device.setId("wizardDevice");
        device.getItems().setAll(Device.values());
        device.setValue(preferences.get(GuiPreferences.DEVICE).map(OptionsPage::parseDevice).orElse(Device.AUTO));
        precision.setId("wizardPrecision");
        precision.getItems().setAll("auto", "fp32", "fp16");
        precision.setValue(preferences.get(GuiPreferences.PRECISION).orElse("auto"));
        tissueThreshold.setId("wizardTissueThreshold");
        tissueThreshold.setEditable(true);
        threads.setId("wizardThreads");
        threads.setEditable(true);
        assumeMpp.setId("wizardAssumeMpp");
        assumeMpp.setPromptText("blank: use the slide's own (slides without one fail)");
        addRow(0, new Label("Device"), device, new Label("AUTO uses a CUDA GPU when one is usable"));
        addRow(1, new Label("Precision"), precision, new Label("auto: fp16 on a GPU, fp32 on the CPU"));
        addRow(2, new Label("Tissue threshold"), tissueThreshold, new Label("least tissue fraction of a kept tile"));
        addRow(3, new Label("Reader threads"), threads, new Label("threads reading tiles for the encoder"));
        addRow(4, new Label("Assume mpp"), assumeMpp, new Label("\u00b5m per pixel for slides that do not say"));
        setPadding(new Insets(12));
    }

    private static Device parseDevice(String value) {
        try {
            return Device.valueOf(value);
        } catch (IllegalArgumentException e) {
            return Device.AUTO;
        }
    }

    Device device() {
        return device.getValue();
    }

    double tissueThreshold() {
        return tissueThreshold.getValue();
    }

    /** The run's settings with these options; a bad value fails with a one-line IllegalArgumentException. */
    WizardSettings settings(List<Path> folders, ArchiveTarget archive, Path checkpoint) {
        String mppText = assumeMpp.getText().strip();
        Double mpp;
        try {
            mpp = mppText.isEmpty() ? null : Double.valueOf(mppText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("assume mpp: '" + mppText + "' is not a number");
        }
        Precision chosen = switch (precision.getValue()) {
            case "fp32" -> Precision.FP32;
            case "fp16" -> Precision.FP16;
            default -> null;
        };
        return new WizardSettings(folders, archive, checkpoint, device.getValue(), chosen, tissueThreshold.getValue(), threads.getValue(), mpp);
    }

    /** Remembers the choices the next wizard starts from. */
    void remember(GuiPreferences preferences) {
        preferences.put(GuiPreferences.DEVICE, device.getValue().name());
        preferences.put(GuiPreferences.PRECISION, precision.getValue());
    }
}
