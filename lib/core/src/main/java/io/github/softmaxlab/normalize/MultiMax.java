package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * MultiMax (Zhou, Fritz, Keuper, ICML 2024, arXiv 2406.01189): {@code MultiMax(x) = softmax(σ(x))} with the
 * learnable piecewise modulator σ of {@link MultiMaxModulator} applied to every visible score. One temperature
 * cannot both silence small entries (needs a low temperature) and keep several large ones (needs a high one);
 * σ gives the low range a steep slope and the high range a flat one, so it does both.
 *
 * <p><b>Parameters.</b> Eight scalars, {@code multimax.r} (thresholds r₀..r₃) and {@code multimax.t} (coefficients
 * t₀..t₃), shared by all rows and heads, as in the authors' code (one set per attention layer and one for the
 * classifier). {@link #paperInit(Random)} draws both from a normal of std 0.02 truncated at ±2 std, the authors'
 * initialisation; {@link #of(double[], double[])} takes explicit values.
 *
 * <p><b>Backward.</b> With {@code p = softmax(σ(x))} and {@code v = p ⊙ (dL/dp − ⟨p, dL/dp⟩)}:
 * {@code dL/dx_i = σ'(x_i) v_i}, {@code dL/dθ = Σ_i v_i ∂σ(x_i)/∂θ} for θ ∈ {r_k, t_k}, summed over all rows.
 *
 * <p><b>Masks and −∞.</b> A −∞ score is a masked entry and σ is not applied to it (σ(−∞) would be −∞ or +∞ by the
 * sign of t₂, or NaN): weight 0, gradient 0.
 *
 * <p><b>Huge scores (spec errata: σ overflows float32 at ±1e30).</b> σ squares its input, so
 * {@code t₃ (1e30)²} does not fit a float. Here σ is always evaluated in float64, on the float32 path too (each row
 * is widened, and only the weights are rounded back to float): every float32 score, up to ±3.4e38, is exact
 * input and gives finite weights. Float64 scores beyond ±{@value #LIMIT} are clamped
 * to ±{@value #LIMIT} first (entries beyond the clamp tie, and their score gradient is 0). Parameters must be finite
 * float32 numbers, so |t| ≤ 3.4e38 and σ stays below 1e239: no overflow. Only a float64 twin set by hand beyond
 * about 1e108 could overflow σ; {@code forward} then throws an {@link IllegalArgumentException} naming the score and
 * the parameters instead of returning NaN.
 */
public final class MultiMax extends RowwiseNormalizer {

    /** Float64 scores are clamped to ±LIMIT before σ; larger than any float32, so float32 scores never are. */
    public static final double LIMIT = 1e100;

    private final Parameter r;
    private final Parameter t;

    private MultiMax(double[] r0, double[] t0) {
        MultiMaxModulator check = new MultiMaxModulator(r0, t0); // validates the lengths
        this.r = new Parameter("multimax.r", toFloat("r", check.r()));
        this.t = new Parameter("multimax.t", toFloat("t", check.t()));
    }

    /** MultiMax with thresholds {@code r} and coefficients {@code t} (four each). */
    public static MultiMax of(double[] r, double[] t) {
        return new MultiMax(r, t);
    }

    /** All t = 0: exactly softmax, with the modulator free to learn. */
    public static MultiMax softmaxInit() {
        return new MultiMax(new double[MultiMaxModulator.PIECES], new double[MultiMaxModulator.PIECES]);
    }

    /** The authors' initialisation: r and t from N(0, 0.02²) truncated at ±0.04 (close to softmax). */
    public static MultiMax paperInit(Random random) {
        double[] r = new double[MultiMaxModulator.PIECES];
        double[] t = new double[MultiMaxModulator.PIECES];
        for (int k = 0; k < MultiMaxModulator.PIECES; k++) {
            r[k] = truncatedNormal(random, 0.02);
            t[k] = truncatedNormal(random, 0.02);
        }
        return new MultiMax(r, t);
    }

    /** The current modulator (float64 values), e.g. to plot σ. */
    public MultiMaxModulator modulator() {
        return modulator(Precision.FLOAT64);
    }

    public Parameter thresholds() {
        return r;
    }

    public Parameter coefficients() {
        return t;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(r, t);
    }

    @Override
    public String name() {
        return "multimax";
    }

    @Override
    void forwardRow(double[] z, double[] w, int n, Row row) {
        MultiMaxModulator m = modulator(row.precision());
        for (int i = 0; i < n; i++) {
            double x = z[i];
            w[i] = m.apply(clamp(x));
            if (Double.isNaN(w[i]) || w[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("MultiMax modulator overflowed at score " + x + " (row "
                        + row.index() + "): σ = " + w[i] + " with r = " + Arrays.toString(m.r()) + ", t = "
                        + Arrays.toString(m.t()) + "; the coefficients are far too large");
            }
        }
        SoftmaxReference.softmax(w, 0, w, 0, n);
    }

    @Override
    void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int n, Row row) {
        MultiMaxModulator m = modulator(row.precision());
        SoftmaxReference.softmaxBackward(w, 0, gw, 0, gz, 0, n); // gz = v
        double[] gradR = new double[MultiMaxModulator.PIECES];
        double[] gradT = new double[MultiMaxModulator.PIECES];
        for (int i = 0; i < n; i++) {
            double x = z[i];
            double v = gz[i];
            m.addParameterGradients(clamp(x), v, gradR, gradT);
            gz[i] = Math.abs(x) > LIMIT ? 0 : v * m.slope(x);
        }
        for (int k = 0; k < MultiMaxModulator.PIECES; k++) {
            row.addGrad(r, k, gradR[k]);
            row.addGrad(t, k, gradT[k]);
        }
    }

    private MultiMaxModulator modulator(Precision<?> precision) {
        double[] rv = new double[MultiMaxModulator.PIECES];
        double[] tv = new double[MultiMaxModulator.PIECES];
        for (int k = 0; k < MultiMaxModulator.PIECES; k++) {
            rv[k] = precision.value(r, k);
            tv[k] = precision.value(t, k);
        }
        return new MultiMaxModulator(rv, tv);
    }

    private static double clamp(double x) {
        return Math.max(-LIMIT, Math.min(LIMIT, x));
    }

    private static double truncatedNormal(Random random, double std) {
        double v;
        do {
            v = random.nextGaussian();
        } while (Math.abs(v) > 2);
        return v * std;
    }

    /** Parameters are float32 values; one that is not finite there (e.g. 1e39) is rejected. */
    private static float[] toFloat(String name, double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
            Check.finite(name + "[" + i + "] (as float32)", f[i]);
        }
        return f;
    }
}
