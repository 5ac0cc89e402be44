package io.github.softmaxlab.notebook;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Grouped bar charts: one group of bars per series over shared categories, e.g. forgetting per method, or
 * ns/element per algorithm and row length.
 * <pre>{@code
 * var _ = display(Bars.of("time per element", "n", "ns").group("online", labels, online).group("safe", labels, safe).image());
 * }</pre>
 */
public final class Bars {

    private final CategoryChart chart;

    private Bars(String title, String xLabel, String yLabel) {
        chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setOverlapped(false);
    }

    public static Bars of(String title, String xLabel, String yLabel) {
        return new Bars(title, xLabel, yLabel);
    }

    /** One bar per category for this series. */
    public Bars group(String name, String[] categories, double[] values) {
        if (categories.length != values.length) {
            throw new IllegalArgumentException("group '" + name + "': " + categories.length + " categories but "
                    + values.length + " values");
        }
        List<Double> v = Arrays.stream(values).boxed().toList();
        chart.addSeries(name, Arrays.asList(categories), v);
        return this;
    }

    /** Bars with error bars (e.g. std over seeds). */
    public Bars group(String name, String[] categories, double[] values, double[] errors) {
        if (categories.length != values.length || errors.length != values.length) {
            throw new IllegalArgumentException("group '" + name + "': categories, values and errors must have the"
                    + " same length");
        }
        chart.addSeries(name, Arrays.asList(categories), Arrays.stream(values).boxed().toList(),
                Arrays.stream(errors).boxed().toList());
        return this;
    }

    public Bars logY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    public BufferedImage image() {
        return Charts.image(chart);
    }

    public Path save(Path file) {
        return Charts.save(chart, file);
    }

    public CategoryChart chart() {
        return chart;
    }
}
