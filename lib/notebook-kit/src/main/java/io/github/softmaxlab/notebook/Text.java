package io.github.softmaxlab.notebook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting shared by charts, tables and the progress bar; locale-independent. */
final class Text {

    private Text() {
    }

    /**
     * A short label for a number: three significant digits, no trailing zeros, and {@code 1e-4} style for very
     * small or large magnitudes.
     */
    static String number(double v) {
        return number(v, 1e4);
    }

    /** {@link #number(double)}, switching to {@code 1e3} style from magnitude {@code large} on. */
    static String number(double v, double large) {
        if (v == 0 || Double.isNaN(v)) {
            return v == 0 ? "0" : "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a >= large || a < 1e-3) {
            int e = (int) Math.floor(Math.log10(a));
            BigDecimal m = round(v / Math.pow(10, e));
            if (m.abs().compareTo(BigDecimal.TEN) >= 0) {
                m = m.movePointLeft(1);
                e++;
            }
            return m.toPlainString() + "e" + e;
        }
        return round(v).toPlainString();
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(3)).stripTrailingZeros();
    }

    /** {@code String.format} with the ROOT locale, so that decimal points never become commas. */
    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
