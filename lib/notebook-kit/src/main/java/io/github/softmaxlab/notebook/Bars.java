package io.github.softmaxlab.notebook;

import java.awt.Graphics2D;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Grouped bar charts: one bar per series in each category, e.g. forgetting per method and task, or ns per
 * element per algorithm and row length. Made by {@link Plot#bars}:
 * <pre>{@code
 * var _ = display(Plot.bars("time per element", "n", "ns", "1e3", "1e6").series("online", 0.9, 1.1)
 *         .series("safe", 1.2, 1.6).image());
 * }</pre>
 */
public final class Bars extends Figure<Bars> {

    private final CategoryChart chart;
    private final List<String> categories;

    Bars(String title, String xLabel, String yLabel, String... categories) {
        super(Charts.WIDTH, Charts.HEIGHT);
        if (categories.length == 0) {
            throw new IllegalArgumentException("bars '" + title + "': give at least one category");
        }
        this.categories = List.of(categories);
        chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Charts.styleAxes(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setXAxisMaxLabelCount(categories.length);
    }

    /**
     * Adds one bar per category for this series.
     *
     * @param name   the legend entry
     * @param values one value per category, in category order
     * @return this chart
     */
    public Bars series(String name, double... values) {
        Charts.requireSameLength("bars '" + name + "'", "categories and values", categories.size(), values.length);
        chart.addSeries(name, categories, boxed(values));
        return this;
    }

    /** Adds one bar per category from boxed numbers; see {@link #series(String, double...)}. */
    public Bars series(String name, List<? extends Number> values) {
        return series(name, Charts.doubles(values));
    }

    /**
     * Adds one bar per category with an error bar, e.g. the std over seeds.
     *
     * @param name   the legend entry
     * @param values one value per category
     * @param errors the half-length of each error bar
     * @return this chart
     */
    public Bars series(String name, double[] values, double[] errors) {
        Charts.requireSameLength("bars '" + name + "'", "categories, values and errors", categories.size(),
                values.length, errors.length);
        chart.addSeries(name, categories, boxed(values), boxed(errors));
        return this;
    }

    /**
     * The XChart object, for anything these helpers do not cover.
     *
     * @return the chart drawn by {@link #image()}
     */
    public CategoryChart chart() {
        return chart;
    }

    @Override
    void paint(Graphics2D g, int width, int height) {
        chart.paint(g, width, height);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
