package io.github.softmaxlab.notebook;

import java.awt.Graphics2D;

/**
 * Heatmaps of matrices: attention maps, accuracy matrices, confusion matrices. Row 0 is at the top, as a matrix
 * is read; a colour bar shows the scale; small matrices print their values in the cells; masked entries (−∞,
 * NaN) are grey. Data of both signs gets a blue-white-red scale centred on zero.
 * <pre>{@code
 * var _ = display(Heatmap.of(weights, T, T).title("causal attention").xLabel("key").yLabel("query").image());
 * }</pre>
 */
public final class Heatmap extends Figure<Heatmap> {

    final double[][] values;
    String title = "";
    String xLabel = "";
    String yLabel = "";
    String[] columnLabels;
    String[] rowLabels;
    Boolean showValues;
    String valueFormat;
    double min = Double.NaN;
    double max = Double.NaN;

    private Heatmap(double[][] values) {
        super(600, 500);
        this.values = values;
    }

    /**
     * A heatmap of {@code values[row][col]}; the values are copied.
     *
     * @param values a non-empty rectangular matrix
     * @return a heatmap of 600 × 500 pixels
     */
    public static Heatmap of(double[][] values) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("values must have at least one row and one column");
        }
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != values[0].length) {
                throw new IllegalArgumentException("values must be rectangular: row 0 has " + values[0].length
                        + " columns but row " + r + " has " + values[r].length);
            }
            copy[r] = values[r].clone();
        }
        return new Heatmap(copy);
    }

    /**
     * A heatmap of a row-major {@code rows × cols} array, as the kernels store batches of rows.
     *
     * @param values {@code rows * cols} values, row after row
     * @param rows   the number of rows
     * @param cols   the number of columns
     * @return a heatmap of 600 × 500 pixels
     */
    public static Heatmap of(float[] values, int rows, int cols) {
        return of(Charts.doubles(values), rows, cols);
    }

    /** A heatmap of a row-major {@code rows × cols} array; see {@link #of(float[], int, int)}. */
    public static Heatmap of(double[] values, int rows, int cols) {
        if (rows <= 0 || cols <= 0 || (long) rows * cols != values.length) {
            throw new IllegalArgumentException("values has " + values.length + " entries, not rows × cols = "
                    + rows + " × " + cols);
        }
        double[][] m = new double[rows][];
        for (int r = 0; r < rows; r++) {
            m[r] = java.util.Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
        }
        return new Heatmap(m);
    }

    /**
     * Sets the title drawn above the map.
     *
     * @return this heatmap
     */
    public Heatmap title(String title) {
        this.title = title;
        return this;
    }

    /**
     * Sets the title of the column axis (below the map).
     *
     * @return this heatmap
     */
    public Heatmap xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    /**
     * Sets the title of the row axis (left of the map).
     *
     * @return this heatmap
     */
    public Heatmap yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    /**
     * Names the columns and the rows, e.g. tokens of an attention map (default 0, 1, 2, …). Long column names are
     * drawn vertically; when names would overlap, only every k-th is drawn.
     *
     * @param columns one name per column, or null for numbers
     * @param rows    one name per row, or null for numbers
     * @return this heatmap
     */
    public Heatmap labels(String[] columns, String[] rows) {
        if (columns != null) {
            Charts.requireSameLength("heatmap labels", "columns and column labels", values[0].length,
                    columns.length);
        }
        if (rows != null) {
            Charts.requireSameLength("heatmap labels", "rows and row labels", values.length, rows.length);
        }
        this.columnLabels = columns;
        this.rowLabels = rows;
        return this;
    }

    /**
     * Whether to print each value in its cell (default: when the values fit in the cells).
     *
     * @return this
     */
    public Heatmap showValues(boolean show) {
        this.showValues = show;
        return this;
    }

    /**
     * The format of values in cells and on the colour bar, e.g. {@code "%.2f"} (default: 3 digits).
     *
     * @return this
     */
    public Heatmap format(String pattern) {
        Text.format(pattern, 1.0);
        this.valueFormat = pattern;
        return this;
    }

    /**
     * Fixes the colour scale, e.g. {@code range(0, 1)} so that several attention maps are comparable (default: the
     * data's finite minimum and maximum, with the minimum lowered to 0 for positive data whose minimum is below a
     * quarter of its maximum, such as attention weights).
     *
     * @param min the value drawn in the lowest colour
     * @param max the value drawn in the highest colour, greater than min
     * @return this heatmap
     */
    public Heatmap range(double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("range needs min < max, got " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
        return this;
    }

    @Override
    void paint(Graphics2D g, int width, int height) {
        new HeatmapPainter(this, g, width, height).paint();
    }
}
