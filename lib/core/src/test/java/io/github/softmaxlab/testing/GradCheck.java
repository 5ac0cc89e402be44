package io.github.softmaxlab.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.normalize.Normalizer;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

/**
 * Central finite-difference gradient checks in float64.
 *
 * <p>The scalar checked is {@code L(x) = Σ_i g_i · f_i(x)} for a fixed random g, so {@code dL/dx} is exactly the
 * VJP {@code backward(g)}; numeric derivatives are {@code (L(x+h) − L(x−h)) / 2h} with h = {@value #H}. An entry
 * passes if {@code |analytic − numeric| ≤ ATOL + RTOL·|numeric|}. Outputs that are not finite (the −∞ that
 * log-softmax gives masked entries) are left out of L, and inputs that are not finite are not perturbed.
 */
public final class GradCheck {

    public static final double H = 1e-6;
    public static final double ATOL = 1e-7;
    public static final double RTOL = 1e-5;

    private GradCheck() {
    }

    /**
     * Checks dL/dscores and dL/dparameter (through {@link Parameter#value64} and {@link Parameter#grad64}) of the
     * normalizer's float64 path at {@code scores}.
     */
    public static void normalizer(Normalizer f, double[] scores, Shape shape, Mask mask, long seed) {
        double[] g = Rows.gaussian(new Random(seed), scores.length, 1);
        for (Parameter p : f.parameters()) {
            Arrays.fill(p.grad64, 0);
        }
        double[] w = new double[scores.length];
        double[] dz = new double[scores.length];
        f.forward(scores, w, shape, mask);
        f.backward(scores, w, g, dz, shape, mask);
        DoubleSupplier loss = () -> {
            double[] out = new double[scores.length];
            f.forward(scores, out, shape, mask);
            return dot(g, out);
        };
        compare(f.name() + " d/dscores (" + mask + ")", scores, dz, loss);
        for (Parameter p : f.parameters()) {
            compare(f.name() + " d/d" + p.name() + " (" + mask + ")", p.value64, p.grad64.clone(), loss);
        }
    }

    /**
     * Checks the VJP of any float64 op {@code x → forward(x)} (an array of {@code outputs} values):
     * {@code backward.apply(x, g)} must return dL/dx for {@code L = ⟨g, forward(x)⟩}.
     */
    public static void vjp(String what, double[] x, int outputs, UnaryOperator<double[]> forward,
            BiFunction<double[], double[], double[]> backward, long seed) {
        double[] g = Rows.gaussian(new Random(seed), outputs, 1);
        double[] analytic = backward.apply(x, g);
        compare(what, x, analytic, () -> dot(g, forward.apply(x)));
    }

    /**
     * Compares {@code analytic[i]} with the central difference of {@code loss} in {@code x[i]}, for every finite
     * {@code x[i]}, and fails naming the worst index. {@code x} is perturbed in place and restored.
     */
    public static void compare(String what, double[] x, double[] analytic, DoubleSupplier loss) {
        double worst = 0;
        int worstIndex = -1;
        double worstNumeric = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                continue;
            }
            double saved = x[i];
            x[i] = saved + H;
            double plus = loss.getAsDouble();
            x[i] = saved - H;
            double minus = loss.getAsDouble();
            x[i] = saved;
            double numeric = (plus - minus) / (2 * H);
            double excess = Math.abs(analytic[i] - numeric) - (ATOL + RTOL * Math.abs(numeric));
            if (!(excess <= worst)) {
                worst = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
                worstIndex = i;
                worstNumeric = numeric;
            }
        }
        if (worstIndex >= 0) {
            fail(what + ": gradient mismatch, worst at index " + worstIndex + " (input " + x[worstIndex]
                    + "): analytic " + analytic[worstIndex] + ", numeric " + worstNumeric + " (tolerance " + ATOL
                    + " + " + RTOL + "·|numeric|)");
        }
    }

    private static double dot(double[] g, double[] out) {
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += Double.isFinite(out[i]) ? g[i] * out[i] : 0;
        }
        return sum;
    }
}
