package jgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Fisher's iris flowers (1936), bundled: 150 rows, four measurements in centimetres and the species.
 * Source and license: {@code jgrad/data/DATA-NOTICE.md} in the library's resources.
 *
 * <pre>{@code
 * Table iris = Iris.table();          // sepal_length, sepal_width, petal_length, petal_width, species
 * double[][] x = Iris.features();     // 150 × 4
 * int[] y = Iris.labels();            // 0 setosa, 1 versicolor, 2 virginica
 * }</pre>
 */
public final class Iris {

    /** The species in label order: label i is {@code SPECIES.get(i)}. */
    public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");
    /** The four measurement columns, in order. */
    public static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    private static final String RESOURCE = "/jgrad/data/iris.csv";

    private Iris() {
    }

    /** A fresh Tablesaw table of the 150 flowers (callers may modify it). */
    public static Table table() {
        try (InputStream in = Iris.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Iris: the bundled data set " + RESOURCE + " is missing from the classpath");
            }
            return Table.read().csv(CsvReadOptions.builder(in).tableName("iris").build());
        } catch (IOException e) {
            throw new UncheckedIOException("Iris: cannot read " + RESOURCE, e);
        }
    }

    /** The measurements, one row of four per flower, in file order. */
    public static double[][] features() {
        Table t = table();
        double[][] x = new double[t.rowCount()][FEATURES.size()];
        for (int j = 0; j < FEATURES.size(); j++) {
            double[] column = t.numberColumn(FEATURES.get(j)).asDoubleArray();
            for (int i = 0; i < x.length; i++) {
                x[i][j] = column[i];
            }
        }
        return x;
    }

    /** The species of each flower as 0, 1 or 2 (index in {@link #SPECIES}), in file order. */
    public static int[] labels() {
        Table t = table();
        int[] y = new int[t.rowCount()];
        for (int i = 0; i < y.length; i++) {
            String species = t.stringColumn("species").get(i);
            y[i] = SPECIES.indexOf(species);
            if (y[i] < 0) {
                throw new IllegalStateException("Iris: unknown species '" + species + "' in row " + i);
            }
        }
        return y;
    }
}
