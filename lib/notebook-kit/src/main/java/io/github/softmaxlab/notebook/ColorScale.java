package io.github.softmaxlab.notebook;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps values to colours for heatmaps. Data of one sign gets a white-to-blue ramp; data with both signs gets a
 * blue-white-red ramp centred on zero, so that the sign is visible at a glance (ColorBrewer Blues and RdBu).
 */
final class ColorScale {

    private static final Color[] SEQUENTIAL = rgb(0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6,
            0x2171b5, 0x08519c, 0x08306b);
    private static final Color[] DIVERGING = rgb(0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7,
            0xf4a582, 0xd6604d, 0xb2182b);

    private final double lo;
    private final double hi;
    private final Color[] stops;

    private ColorScale(double lo, double hi, Color[] stops) {
        this.lo = lo;
        this.hi = hi > lo ? hi : lo + 1;
        this.stops = stops;
    }

    /** The scale for data in [min, max]: diverging and symmetric when min &lt; 0 &lt; max, sequential otherwise. */
    static ColorScale of(double min, double max) {
        if (min < 0 && max > 0) {
            double m = Math.max(-min, max);
            return new ColorScale(-m, m, DIVERGING);
        }
        return new ColorScale(min, max, SEQUENTIAL);
    }

    double lo() {
        return lo;
    }

    double hi() {
        return hi;
    }

    /** The colour of {@code v}; values outside the range get the end colours. */
    Color colour(double v) {
        double t = Math.clamp((v - lo) / (hi - lo), 0.0, 1.0) * (stops.length - 1);
        int i = Math.min((int) t, stops.length - 2);
        double f = t - i;
        Color a = stops[i];
        Color b = stops[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                mix(a.getBlue(), b.getBlue(), f));
    }

    /** Whether text on {@code background} should be white rather than dark. */
    static boolean isDark(Color background) {
        double luminance = 0.2126 * background.getRed() + 0.7152 * background.getGreen()
                + 0.0722 * background.getBlue();
        return luminance < 140;
    }

    /** About five round values within the range, for the colour bar's labels. */
    List<Double> ticks() {
        double step = niceStep((hi - lo) / 4);
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    private static Color[] rgb(int... values) {
        Color[] c = new Color[values.length];
        for (int i = 0; i < values.length; i++) {
            c[i] = new Color(values[i]);
        }
        return c;
    }
}
