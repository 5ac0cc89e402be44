package io.github.softmaxlab.notebook;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * Heatmaps of matrices: attention maps, accuracy matrices, Λ matrices. Row 0 is drawn at the top, as a matrix is
 * read. Small matrices show their values in the cells.
 * <pre>{@code
 * var _ = display(Heatmap.of(weights, rows, cols).title("attention").xLabel("key").yLabel("query").image());
 * }</pre>
 */
public final class Heatmap {

    private final double[][] values;
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private String[] xTicks;
    private String[] yTicks;
    private Boolean showValues;
    private int width = 560;
    private int height = 480;

    private Heatmap(double[][] values) {
        this.values = values;
    }

    /** A heatmap of {@code values[row][col]}. */
    public static Heatmap of(double[][] values) {
        return new Heatmap(values);
    }

    /** A heatmap of a row-major {@code rows × cols} array. */
    public static Heatmap of(float[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("values has " + values.length + " entries, not rows × cols = "
                    + rows + " × " + cols);
        }
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = values[r * cols + c];
            }
        }
        return new Heatmap(m);
    }

    /** A heatmap of a row-major {@code rows × cols} array. */
    public static Heatmap of(double[] values, int rows, int cols) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return of(f, rows, cols);
    }

    public Heatmap title(String title) {
        this.title = title;
        return this;
    }

    public Heatmap xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    public Heatmap yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    /** Labels for the columns and the rows (default 0, 1, 2, …). */
    public Heatmap ticks(String[] columns, String[] rows) {
        this.xTicks = columns;
        this.yTicks = rows;
        return this;
    }

    /** Whether to print each value in its cell (default: only for matrices up to 12 × 12). */
    public Heatmap showValues(boolean show) {
        this.showValues = show;
        return this;
    }

    public Heatmap size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    private HeatMapChart build() {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setRangeColors(new Color[] {
            new Color(0xf7fbff), new Color(0x9ecae1), new Color(0x2171b5)});
        chart.getStyler().setShowValue(showValues != null ? showValues : rows <= 12 && cols <= 12);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(java.util.Locale.ROOT, "%.2g", v));
        chart.getStyler().setPlotContentSize(1.0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = values[r][c];
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                // XChart draws y upwards; flip so row 0 is on top.
                cells.add(new Number[] {c, rows - 1 - r, Double.isFinite(v) ? v : null});
            }
        }
        if (min <= max) {
            chart.getStyler().setMin(min);
            chart.getStyler().setMax(max > min ? max : min + 1);
        }
        List<String> x = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            x.add(xTicks != null ? xTicks[c] : Integer.toString(c));
        }
        List<String> y = new ArrayList<>();
        for (int r = rows - 1; r >= 0; r--) {
            y.add(yTicks != null ? yTicks[r] : Integer.toString(r));
        }
        chart.addSeries(title.isEmpty() ? "values" : title, x, y, cells);
        return chart;
    }

    public BufferedImage image() {
        return Charts.image(build());
    }

    public Path save(Path file) {
        return Charts.save(build(), file);
    }
}
