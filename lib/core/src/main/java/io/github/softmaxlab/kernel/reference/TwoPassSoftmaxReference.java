package io.github.softmaxlab.kernel.reference;

import io.github.softmaxlab.kernel.TwoPassSoftmax;
import io.github.softmaxlab.kernel.TwoPassSoftmax.ExtSum;

/**
 * Float64 twin of {@link TwoPassSoftmax} (Dukhan &amp; Ablavatski, arXiv 2001.04438, Algorithm 3), and of the
 * (mantissa, exponent) split of {@link io.github.softmaxlab.kernel.VectorExp}:
 * <pre>
 *   e^x = m · 2^n,  n = rint(x · log2 e),  m = e^{x − n ln2};
 *   pass 1: (M, E) = (0, −∞);  E' = max(E, n_i),  M ← M·2^{E − E'} + m_i·2^{n_i − E'},  E ← E';
 *   pass 2: y_i = m_i · (1/M) · 2^{n_i − E}.
 * </pre>
 * Entries of −∞ are skipped; an empty or all −∞ row gives zeros. Rows whose maximum is beyond about ±7e5
 * ({@code |E| > }{@link TwoPassSoftmax#EXACT_EXPONENT}) take the safe softmax, as the float32 kernel does, so the
 * two twins agree on every input.
 */
public final class TwoPassSoftmaxReference {

    private static final double LOG2E = 1 / Math.log(2);
    private static final double LN2 = Math.log(2);

    private TwoPassSoftmaxReference() {
    }

    /**
     * {@code n = rint(x · log2 e)}, with x clamped to ±1e15 so that n stays an exact integer; a clamped entry is
     * either below every other by far (its m is 0) or is the maximum of a row that takes the fallback.
     */
    public static double exponent(double x) {
        return Math.rint(Math.max(-1e15, Math.min(1e15, x)) * LOG2E);
    }

    /**
     * {@code m = e^{x − n ln2}}, so that {@code e^x = m · 2^n}; in [0.707, 1.414] for {@code n = exponent(x)} and
     * |x| ≤ 1e15.
     */
    public static double mantissa(double x, double n) {
        return Math.exp(x - n * LN2);
    }

    /** Pass 1: {@code Σ e^{x_i}} as the pair (M, E), element by element. */
    public static ExtSum sum(double[] x, int off, int n) {
        double bigM = 0;
        double bigE = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double xi = x[off + i];
            if (xi == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double ni = exponent(xi);
            double newE = Math.max(bigE, ni);
            bigM = bigM * pow2(bigE - newE) + mantissa(xi, ni) * pow2(ni - newE);
            bigE = newE;
        }
        return new ExtSum(bigM, bigE);
    }

    /** Both passes; zeros for an empty or all −∞ row. */
    public static void softmax(double[] x, int xOff, double[] y, int yOff, int n) {
        ExtSum s = sum(x, xOff, n);
        // E = −∞ (an empty or all −∞ row) lands here too, and the safe softmax gives it zeros.
        if (Math.abs(s.exponent()) > TwoPassSoftmax.EXACT_EXPONENT) {
            SoftmaxReference.softmax(x, xOff, y, yOff, n);
            return;
        }
        double inv = 1 / s.mantissa();
        for (int i = 0; i < n; i++) {
            double ni = exponent(x[xOff + i]);
            y[yOff + i] = mantissa(x[xOff + i], ni) * inv * pow2(ni - s.exponent());
        }
    }

    /** {@code 2^k} for integral k ≤ 0, 0 for k = −∞. */
    private static double pow2(double k) {
        return k == Double.NEGATIVE_INFINITY ? 0 : Math.scalb(1.0, (int) Math.max(k, -2000));
    }
}
