package io.histoseek.index.features;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.histoseek.model.support.OneLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * An open features file (TRIDENT / CLAM layout: {@code features} N x D float32 or float16,
 * {@code coords} N x 2 level-0 top-left, attributes on {@code coords}), checked on open: both
 * datasets there and two-dimensional, as many feature rows as coordinate rows, at least one,
 * {@code patch_size_level0} positive, no negative coordinate. The coordinates are read whole
 * (16 bytes a patch); the features a slice of rows at a time, each slice checked for values that
 * are not finite. Every problem is a {@link FeatureFileException} naming the file.
 */
public final class FeatureFileReader implements AutoCloseable {
    private final Path file;
    private final HdfFile hdf;
    private final Dataset features;
    private final FeatureFileHeader header;
    private final long[][] coords;

    private FeatureFileReader(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
        this.features = dataset("features");
        Dataset coordinates = dataset("coords");
        int[] shape = features.getDimensions();
        int[] coordShape = coordinates.getDimensions();
        if (shape.length != 2) fail("'features' is not N x D but " + Arrays.toString(shape));
        if (coordShape.length != 2 || coordShape[1] != 2) fail("'coords' is not N x 2 but " + Arrays.toString(coordShape));
        if (shape[0] != coordShape[0]) fail(shape[0] + " feature rows but " + coordShape[0] + " coordinate rows");
        if (shape[0] == 0) fail("holds no patches");
        if (shape[1] == 0) fail("'features' has no columns");
        Class<?> type = features.getJavaType();
        if (type != float.class && type != double.class) fail("'features' holds " + type.getSimpleName() + ", not floating point numbers");
        this.coords = readCoords(coordinates, shape[0]);
        this.header = new FeatureFileHeader(file, FeatureFileHeader.stem(file), shape[0], shape[1],
                patchSize(coordinates), number(coordinates, "level0_magnification"));
    }

    /** Opens and checks a features file. */
    public static FeatureFileReader open(Path file) {
        if (!Files.isRegularFile(file)) throw new FeatureFileException(file, "no such file");
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw new FeatureFileException(file, describe(e));
        }
        try {
            return new FeatureFileReader(file, hdf);
        } catch (FeatureFileException e) {
            hdf.close();
            throw e;
        } catch (RuntimeException e) {
            hdf.close();
            throw new FeatureFileException(file, describe(e));
        }
    }

    public FeatureFileHeader header() {
        return header;
    }

    /** Level-0 top-left (x, y) of every patch, row by row (the array is the caller's). */
    public long[][] coords() {
        return coords;
    }

    /** Rows {@code from} to {@code from + count - 1} of {@code features} as float32. */
    public float[][] rows(int from, int count) {
        if (from < 0 || count < 0 || from + count > header.rows()) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + (from + count) + " of " + header.rows());
        }
        float[][] rows = new float[count][];
        if (count == 0) return rows;
        Object data;
        try {
            data = features.getData(new long[] {from, 0}, new int[] {count, header.dimension()});
        } catch (RuntimeException e) {
            throw new FeatureFileException(file, describe(e));
        }
        for (int i = 0; i < count; i++) {
            rows[i] = data instanceof double[][] wide ? toFloats(wide[i]) : ((float[][]) data)[i];
            for (int j = 0; j < rows[i].length; j++) {
                if (!Float.isFinite(rows[i][j])) {
                    fail("feature row " + (from + i) + " holds " + rows[i][j] + " (column " + j + ")");
                }
            }
        }
        return rows;
    }

    private Dataset dataset(String name) {
        Node node;
        try {
            node = hdf.getByPath(name);
        } catch (RuntimeException e) {
            throw new FeatureFileException(file, "no '" + name + "' dataset");
        }
        if (!(node instanceof Dataset dataset)) throw new FeatureFileException(file, "'" + name + "' is not a dataset");
        return dataset;
    }

    private long[][] readCoords(Dataset coordinates, int rows) {
        Object data = coordinates.getData();
        long[][] out = new long[rows][2];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 2; j++) {
                out[i][j] = switch (data) {
                    case long[][] longs -> longs[i][j];
                    case int[][] ints -> ints[i][j];
                    case double[][] doubles -> whole(doubles[i][j], i);
                    case float[][] floats -> whole(floats[i][j], i);
                    default -> throw new FeatureFileException(file, "'coords' holds " + coordinates.getJavaType().getSimpleName()
                            + ", not numbers");
                };
            }
            if (out[i][0] < 0 || out[i][1] < 0) {
                fail("patch " + i + " has negative coordinates (" + out[i][0] + ", " + out[i][1] + ")");
            }
        }
        return out;
    }

    private long whole(double value, int row) {
        if (value != Math.rint(value) || !Double.isFinite(value)) fail("patch " + row + " has a coordinate that is not a whole number: " + value);
        return (long) value;
    }

    private int patchSize(Dataset coordinates) {
        OptionalDouble size = number(coordinates, "patch_size_level0");
        if (size.isEmpty()) fail("no 'patch_size_level0' attribute on 'coords'");
        double value = size.getAsDouble();
        if (!(value >= 1) || value > Integer.MAX_VALUE || value != Math.rint(value)) fail("'patch_size_level0' is " + value);
        return (int) value;
    }

    /** A numeric attribute of {@code coords} (or of the file, where some writers put them). */
    private OptionalDouble number(Dataset coordinates, String name) {
        Attribute attribute = coordinates.getAttribute(name);
        if (attribute == null) attribute = hdf.getAttribute(name);
        if (attribute == null) return OptionalDouble.empty();
        Object data = attribute.getData();
        if (data.getClass().isArray() && java.lang.reflect.Array.getLength(data) == 1) data = java.lang.reflect.Array.get(data, 0);
        if (data instanceof Number number) return OptionalDouble.of(number.doubleValue());
        throw new FeatureFileException(file, "attribute '" + name + "' is not a number");
    }

    private static float[] toFloats(double[] row) {
        float[] out = new float[row.length];
        for (int i = 0; i < row.length; i++) out[i] = (float) row[i];
        return out;
    }

    private void fail(String problem) {
        throw new FeatureFileException(file, problem);
    }

    /** jhdf's message for a file it cannot read, said for people. */
    private static String describe(RuntimeException e) {
        String message = OneLine.of(e);
        if (message.contains("No valid HDF5 signature")) return "not an HDF5 file";
        return "cannot read the HDF5 file, truncated or damaged (" + message + ")";
    }

    @Override
    public void close() {
        hdf.close();
    }
}
