package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import java.util.List;

/**
 * ReLA's normaliser: ReLU of the scores, then a gated RMSNorm (Zhang, Titov, Sennrich, "Sparse Attention with Linear
 * Units", EMNLP 2021, arXiv 2104.07012; spec part 1, §10(b), from the authors' {@code gated_rms_norm}):
 * <pre>
 *   a = ReLU(z),   r = √(mean(a²) + ε),   y = g · a / r · σ(w · a)
 * </pre>
 * with a learnable gain g (initialised to 1) and gate weight w.
 *
 * <p><b>Where the normalisation sits (our choice).</b> In ReLA the RMSNorm is applied to the attention
 * <em>output</em> {@code O = ReLU(S)·V} over the model width, and g, w are vectors over that width. A
 * {@link Normalizer} maps score rows to weight rows of varying length (masks, causal rows), so here the same gated
 * RMSNorm is applied to the row of ReLU weights itself, with a scalar gain and a scalar gate (parameters
 * {@code "rela.gain"} and {@code "rela.gate"}), and the mean runs over the row's visible keys. What carries over:
 * exact zeros where {@code z ≤ 0} (sparsity; a row with no positive score is all zeros: "null attention"), weights
 * ≥ 0 while g ≥ 0, {@code rms(y) ≤ |g|} with equality in the limit of a saturated gate and ε → 0, and the scale of
 * the positive scores removed by the RMS. The weights do <em>not</em> sum to 1 ({@link #sumsToOne()} is false; the
 * sum is at most {@code n·|g|}). The gate's initial value w = 1 and ε = 1e-8 are our defaults [U]: the authors'
 * gate vector uses TensorFlow's default initialiser, and ε is their dtype's epsilon.
 *
 * <p>Masks: masked entries and −∞ scores are dropped (the authors multiply masked scores by 0, which ReLU turns into
 * weight 0 as well; dropping them also keeps them out of the mean).
 *
 * <p>Backward, with {@code h = a/r}, {@code s = σ(w a)}, {@code y = g h s}, n visible keys:
 * <pre>
 *   dg = Σ dy·h·s,   dw = Σ dy·g·h·s(1−s)·a,
 *   da_i = dy_i·g·(s_i/r + h_i s_i(1−s_i) w) − (Σ_j dy_j y_j)·a_i/(n r²),   dz_i = da_i·1[z_i &gt; 0].
 * </pre>
 * To stay finite for scores up to float64's limit, r is computed as {@code m·√(mean((a/m)²) + ε/m²)} with m = max a.
 */
public final class RelaNormalizer extends RowwiseNormalizer {

    /** Default ε inside the square root. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private final Parameter gain;
    private final Parameter gate;
    private final double epsilon;

    private RelaNormalizer(double gain, double gate, double epsilon) {
        this(new Parameter("rela.gain", new float[] {(float) gain}),
                new Parameter("rela.gate", new float[] {(float) gate}), epsilon);
    }

    private RelaNormalizer(Parameter gain, Parameter gate, double epsilon) {
        Check.positiveFinite("epsilon", epsilon);
        this.gain = gain;
        this.gate = gate;
        this.epsilon = epsilon;
    }

    /** Gain 1, gate 1, ε = 1e-8. */
    public static RelaNormalizer standard() {
        return new RelaNormalizer(1, 1, DEFAULT_EPSILON);
    }

    /** Given initial gain and gate (finite) and ε (finite, &gt; 0). */
    public static RelaNormalizer of(double gain, double gate, double epsilon) {
        Check.finite("gain", gain);
        Check.finite("gate", gate);
        return new RelaNormalizer(gain, gate, epsilon);
    }

    public Parameter gain() {
        return gain;
    }

    public Parameter gate() {
        return gate;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gain, gate);
    }

    @Override
    public String name() {
        return "rela(g=" + gain.value[0] + ",w=" + gate.value[0] + ")";
    }

    /** Gain and gate must be finite in the call's precision (e.g. not diverged to NaN in training). */
    @Override
    void validate(Shape shape, Precision<?> precision) {
        for (Parameter p : parameters()) {
            double v = precision.value(p, 0);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name() + ": " + p.name() + " must be finite, got " + v);
            }
        }
    }

    /** Gated RMS-normalised ReLU weights: non-negative, sparse, RMS ≤ |g|, but no fixed row sum. */
    @Override
    public boolean sumsToOne() {
        return false;
    }

    /** {@code r = √(mean(a²) + ε)} over the n entries, computed without overflow. */
    private double rms(double[] z, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, z[i]);
        }
        if (m == 0) {
            return Math.sqrt(epsilon);
        }
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double u = Math.max(z[i], 0) / m;
            sq += u * u;
        }
        return m * Math.sqrt(sq / n + epsilon / m / m);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Override
    void forwardRow(double[] z, double[] w, int n, Row row) {
        double g = row.value(gain, 0);
        double gateW = row.value(gate, 0);
        double r = rms(z, n);
        for (int i = 0; i < n; i++) {
            double a = Math.max(z[i], 0);
            w[i] = a == 0 ? 0 : g * (a / r) * sigmoid(gateW * a);
        }
    }

    @Override
    void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int n, Row row) {
        double g = row.value(gain, 0);
        double gateW = row.value(gate, 0);
        double r = rms(z, n);
        double dyDotY = 0;
        for (int i = 0; i < n; i++) {
            dyDotY += gw[i] * w[i];
        }
        double dg = 0;
        double dw = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.max(z[i], 0);
            if (a == 0) {
                gz[i] = 0;
                continue;
            }
            double h = a / r;
            double s = sigmoid(gateW * a);
            double sPrime = s * (1 - s);
            dg += gw[i] * h * s;
            dw += gw[i] * g * h * sPrime * a;
            gz[i] = gw[i] * g * (s / r + h * sPrime * gateW) - dyDotY * (h / r) / n;
        }
        row.addGrad(gain, 0, dg);
        row.addGrad(gate, 0, dw);
    }
}
