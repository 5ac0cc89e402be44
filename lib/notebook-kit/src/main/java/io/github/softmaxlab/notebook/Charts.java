package io.github.softmaxlab.notebook;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by every figure (fonts, colours) and the small conversions the builders need. */
final class Charts {

    static final int WIDTH = 720;
    static final int HEIGHT = 420;
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color TEXT = new Color(0x222222);
    static final Color GRID = new Color(0xdddddd);
    /** Tableau 10 colours, easy to tell apart. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf),
    };

    private Charts() {
    }

    static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartFontColor(TEXT);
        styler.setChartTitleFont(TITLE_FONT);
        styler.setLegendFont(TICK_FONT);
        styler.setLegendBorderColor(GRID);
        styler.setPlotBorderVisible(false);
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
        styler.setLocale(Locale.ROOT);
    }

    /** The shared look, plus axis fonts and a light dashed grid, for charts with axes. */
    static void styleAxes(AxesChartStyler styler) {
        style(styler);
        styler.setAxisTitleFont(AXIS_TITLE_FONT);
        styler.setAxisTickLabelsFont(TICK_FONT);
        styler.setPlotGridLinesColor(GRID);
        styler.setAxisTickMarksColor(GRID.darker());
    }

    /** The series colour number {@code i}, as the palette assigns it. */
    static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** A colour with the given opacity (0–255). */
    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static double[] doubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    static double[] doubles(List<? extends Number> values) {
        double[] d = new double[values.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = values.get(i).doubleValue();
        }
        return d;
    }

    static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /** Throws, naming the arrays and their lengths, unless all lengths are equal. */
    static void requireSameLength(String owner, String names, int... lengths) {
        for (int len : lengths) {
            if (len != lengths[0]) {
                StringBuilder got = new StringBuilder();
                for (int l : lengths) {
                    got.append(got.isEmpty() ? "" : ", ").append(l);
                }
                throw new IllegalArgumentException(owner + ": " + names + " must have the same length, got " + got);
            }
        }
    }
}
