package io.github.softmaxlab.bench;

import java.util.Locale;

/**
 * A measured value with its error: JMH's score and the half-width of its 99.9% confidence interval.
 *
 * @param value the estimate
 * @param error its error (same unit), NaN if unknown (e.g. a single measurement iteration)
 */
public record Estimate(double value, double error) {

    /**
     * {@code this / other}, with the relative errors added in quadrature:
     * {@code δr / r = sqrt((δa / a)² + (δb / b)²)} (first-order propagation for independent errors).
     *
     * @param other the denominator
     * @return the ratio and its propagated error
     */
    public Estimate over(Estimate other) {
        double r = value / other.value;
        double relative = Math.hypot(error / value, other.error / other.value);
        return new Estimate(r, Math.abs(r) * relative);
    }

    /**
     * The value rounded to the precision of its error (two significant digits of the error), e.g.
     * {@code 0.0812 ± 0.0031} or {@code 8400 ± 120}; three significant digits when the error is unknown.
     */
    @Override
    public String toString() {
        if (!Double.isFinite(error) || error <= 0) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10(error)));
        return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", value, error);
    }
}
