package io.github.softmaxlab.notebook;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line and scatter charts for notebooks, rendered to PNG with XChart. One line in a notebook cell:
 * <pre>{@code
 * var _ = display(Plot.line("softmax of a row", "index", "probability").series("p", probs).image());
 * }</pre>
 * Series accept {@code double[]} or {@code float[]}; {@link #band} adds a mean ± std band (curves over seeds).
 */
public final class Plot {

    private final XYChart chart;

    private Plot(String title, String xLabel, String yLabel, int width, int height) {
        chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setMarkerSize(5);
    }

    /** A line chart. */
    public static Plot line(String title, String xLabel, String yLabel) {
        return new Plot(title, xLabel, yLabel, Charts.WIDTH, Charts.HEIGHT);
    }

    /** A line chart of the given pixel size. */
    public static Plot line(String title, String xLabel, String yLabel, int width, int height) {
        return new Plot(title, xLabel, yLabel, width, height);
    }

    /** A scatter chart: series are drawn as markers only. */
    public static Plot scatter(String title, String xLabel, String yLabel) {
        Plot p = new Plot(title, xLabel, yLabel, Charts.WIDTH, Charts.HEIGHT);
        p.chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return p;
    }

    /** Adds a series of points (x[i], y[i]). */
    public Plot series(String name, double[] x, double[] y) {
        add(name, x, y);
        return this;
    }

    private XYSeries add(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " points but y has "
                    + y.length);
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Adds a series with x = 0, 1, 2, … */
    public Plot series(String name, double[] y) {
        return series(name, Charts.indices(y.length), y);
    }

    public Plot series(String name, float[] x, float[] y) {
        return series(name, Charts.toDouble(x), Charts.toDouble(y));
    }

    public Plot series(String name, float[] y) {
        return series(name, Charts.toDouble(y));
    }

    /** Adds a series drawn with markers (and a line, unless this is a scatter chart). */
    public Plot points(String name, double[] x, double[] y) {
        add(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /** Adds a dashed series, e.g. a theoretical curve next to measurements. */
    public Plot dashed(String name, double[] x, double[] y) {
        add(name, x, y).setLineStyle(
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return this;
    }

    /** Adds the mean as a line and mean ± std as error bars: a curve averaged over seeds. */
    public Plot band(String name, double[] x, double[] mean, double[] std) {
        if (mean.length != x.length || std.length != x.length) {
            throw new IllegalArgumentException("band '" + name + "': x, mean and std must have the same length, got "
                    + x.length + ", " + mean.length + ", " + std.length);
        }
        chart.addSeries(name, x, mean, std).setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /** Logarithmic x axis. */
    public Plot logX() {
        chart.getStyler().setXAxisLogarithmic(true);
        return this;
    }

    /** Logarithmic y axis. */
    public Plot logY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    /** Fixes the y range. */
    public Plot yRange(double min, double max) {
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(max);
        return this;
    }

    /** The chart as an image, which the Java kernel displays inline. */
    public BufferedImage image() {
        return Charts.image(chart);
    }

    /** Writes the chart as PNG and returns the file written. */
    public Path save(Path file) {
        return Charts.save(chart, file);
    }

    /** The XChart object, for anything these helpers do not cover. */
    public XYChart chart() {
        return chart;
    }
}
