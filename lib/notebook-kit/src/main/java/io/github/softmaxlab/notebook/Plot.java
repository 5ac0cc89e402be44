package io.github.softmaxlab.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line and scatter charts for notebooks, drawn with XChart. A notebook cell needs one line:
 * <pre>{@code
 * var _ = display(Plot.line("loss", "step", "cross-entropy").series("softmax", steps, loss).logY().image());
 * }</pre>
 * Series take {@code double[]}, {@code float[]} or {@code List<Number>}. {@link #band} draws a mean curve with a
 * shaded mean ± std band, for curves averaged over seeds. Log axes label every decade, or 1–9 within a decade when
 * the data spans less than two. Grouped bar charts: {@link #bars}.
 */
public final class Plot extends Figure<Plot> {

    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f);

    private final XYChart chart;
    private final boolean scatter;
    private final Range xRange = new Range();
    private final Range yRange = new Range();
    private int colours;

    private Plot(String title, String xLabel, String yLabel, boolean scatter) {
        super(Charts.WIDTH, Charts.HEIGHT);
        this.scatter = scatter;
        chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Charts.styleAxes(chart.getStyler());
        chart.getStyler().setMarkerSize(6);
        if (scatter) {
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
    }

    /**
     * A line chart; add curves with {@link #series}.
     *
     * @param title  the chart title
     * @param xLabel the x axis title
     * @param yLabel the y axis title
     * @return an empty chart of 720 × 420 pixels
     */
    public static Plot line(String title, String xLabel, String yLabel) {
        return new Plot(title, xLabel, yLabel, false);
    }

    /**
     * A scatter chart: every series is drawn as markers without lines.
     *
     * @param title  the chart title
     * @param xLabel the x axis title
     * @param yLabel the y axis title
     * @return an empty chart of 720 × 420 pixels
     */
    public static Plot scatter(String title, String xLabel, String yLabel) {
        return new Plot(title, xLabel, yLabel, true);
    }

    /**
     * A grouped bar chart over the given categories; see {@link Bars}.
     *
     * @param title      the chart title
     * @param xLabel     the category axis title
     * @param yLabel     the value axis title
     * @param categories the labels of the bar groups, left to right
     * @return an empty bar chart
     */
    public static Bars bars(String title, String xLabel, String yLabel, String... categories) {
        return new Bars(title, xLabel, yLabel, categories);
    }

    /**
     * Adds a curve through the points (x[i], y[i]) (markers only in a scatter chart).
     *
     * @param name the legend entry
     * @param x    x values
     * @param y    y values, as many as x
     * @return this plot
     */
    public Plot series(String name, double[] x, double[] y) {
        add(name, x, y, scatter ? Look.MARKERS : Look.LINE);
        return this;
    }

    /** Adds a curve with x = 0, 1, 2, …; see {@link #series(String, double[], double[])}. */
    public Plot series(String name, double[] y) {
        return series(name, Charts.indices(y.length), y);
    }

    /** Adds a curve of float values; see {@link #series(String, double[], double[])}. */
    public Plot series(String name, float[] x, float[] y) {
        return series(name, Charts.doubles(x), Charts.doubles(y));
    }

    /** Adds a curve of float values with x = 0, 1, 2, …; see {@link #series(String, double[], double[])}. */
    public Plot series(String name, float[] y) {
        return series(name, Charts.doubles(y));
    }

    /** Adds a curve of boxed numbers; see {@link #series(String, double[], double[])}. */
    public Plot series(String name, List<? extends Number> x, List<? extends Number> y) {
        return series(name, Charts.doubles(x), Charts.doubles(y));
    }

    /** Adds a curve of boxed numbers with x = 0, 1, 2, …; see {@link #series(String, double[], double[])}. */
    public Plot series(String name, List<? extends Number> y) {
        return series(name, Charts.doubles(y));
    }

    /**
     * Adds a curve drawn with a marker at every point, for measurements at a few sizes.
     *
     * @param name the legend entry
     * @param x    x values
     * @param y    y values, as many as x
     * @return this plot
     */
    public Plot points(String name, double[] x, double[] y) {
        add(name, x, y, scatter ? Look.MARKERS : Look.LINE_AND_MARKERS);
        return this;
    }

    /**
     * Adds a dashed curve, e.g. a model or a bound next to measurements.
     *
     * @param name the legend entry
     * @param x    x values
     * @param y    y values, as many as x
     * @return this plot
     */
    public Plot dashed(String name, double[] x, double[] y) {
        add(name, x, y, Look.DASHED);
        return this;
    }

    /**
     * Adds a mean curve with a shaded band from mean − std to mean + std in the same colour.
     *
     * @param name the legend entry
     * @param x    x values
     * @param mean mean at each x
     * @param std  standard deviation at each x (the band's half-width)
     * @return this plot
     */
    public Plot band(String name, double[] x, double[] mean, double[] std) {
        Charts.requireSameLength("band '" + name + "'", "x, mean and std", x.length, mean.length, std.length);
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = mean[i] + std[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = mean[i] - std[i];
        }
        Color c = Charts.colour(colours);
        XYSeries area = chart.addSeries(name + " ± std", px, py);
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        area.setFillColor(Charts.translucent(c, 60));
        area.setLineStyle(SeriesLines.NONE);
        area.setLineColor(Charts.translucent(c, 0));
        area.setMarker(SeriesMarkers.NONE);
        area.setShowInLegend(false);
        xRange.include(px);
        yRange.include(py);
        add(name, x, mean, Look.LINE);
        return this;
    }

    /**
     * Adds the mean over runs (e.g. seeds) with a mean ± std band; see {@link #band(String, double[], double[],
     * double[])}.
     *
     * @param name the legend entry
     * @param x    x values
     * @param runs one row per run, each with a value at every x
     * @return this plot
     */
    public Plot band(String name, double[] x, double[][] runs) {
        if (runs.length == 0) {
            throw new IllegalArgumentException("band '" + name + "': runs is empty");
        }
        double[] mean = new double[x.length];
        double[] std = new double[x.length];
        for (double[] run : runs) {
            Charts.requireSameLength("band '" + name + "'", "x and every run", x.length, run.length);
        }
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (double[] run : runs) {
                sum += run[i];
            }
            mean[i] = sum / runs.length;
            double sq = 0;
            for (double[] run : runs) {
                sq += (run[i] - mean[i]) * (run[i] - mean[i]);
            }
            std[i] = Math.sqrt(sq / runs.length);
        }
        return band(name, x, mean, std);
    }

    /**
     * Logarithmic x axis.
     *
     * @return this plot
     */
    public Plot logX() {
        chart.getStyler().setXAxisLogarithmic(true);
        return this;
    }

    /**
     * Logarithmic y axis (every value, band edges included, must be positive).
     *
     * @return this plot
     */
    public Plot logY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    /**
     * Fixes the x axis range.
     *
     * @return this plot
     */
    public Plot xRange(double min, double max) {
        chart.getStyler().setXAxisMin(min);
        chart.getStyler().setXAxisMax(max);
        return this;
    }

    /**
     * Fixes the y axis range.
     *
     * @return this plot
     */
    public Plot yRange(double min, double max) {
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(max);
        return this;
    }

    /**
     * The XChart object, for anything these helpers do not cover.
     *
     * @return the chart drawn by {@link #image()}
     */
    public XYChart chart() {
        return chart;
    }

    @Override
    void paint(Graphics2D g, int width, int height) {
        XYStyler s = chart.getStyler();
        s.setXAxisLogarithmicDecadeOnly(xRange.decades() >= 2);
        s.setYAxisLogarithmicDecadeOnly(yRange.decades() >= 2);
        if (s.isXAxisLogarithmic()) {
            s.setXAxisTickLabelsFormattingFunction(v -> Text.number(v, 1e3));
        }
        if (s.isYAxisLogarithmic()) {
            s.setYAxisTickLabelsFormattingFunction(v -> Text.number(v, 1e3));
        }
        chart.paint(g, width, height);
    }

    private enum Look { LINE, MARKERS, LINE_AND_MARKERS, DASHED }

    private void add(String name, double[] x, double[] y, Look look) {
        Charts.requireSameLength("series '" + name + "'", "x and y", x.length, y.length);
        Color c = Charts.colour(colours++);
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(c);
        s.setMarkerColor(c);
        s.setLineWidth(2f);
        s.setMarker(look == Look.MARKERS || look == Look.LINE_AND_MARKERS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        if (look == Look.DASHED) {
            s.setLineStyle(DASHED);
        }
        xRange.include(x);
        yRange.include(y);
    }

    /** The positive extent of the data, to choose log-axis labels. */
    private static final class Range {
        private double min = Double.POSITIVE_INFINITY;
        private double max = 0;

        void include(double[] values) {
            for (double v : values) {
                if (v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }

        double decades() {
            return max > 0 ? Math.log10(max / min) : 0;
        }
    }
}
