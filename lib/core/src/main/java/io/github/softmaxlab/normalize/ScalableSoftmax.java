package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Scalable-Softmax (SSMax), Nakanishi 2025, arXiv 2501.19399, Eq. (SSMax):
 * <pre>  SSMax(z)_i = n^{s·z_i} / Σ_j n^{s·z_j} = softmax((s · log n) · z)_i</pre>
 * with a learnable scaling parameter s, one per attention head, and {@code n} the number of keys the row
 * <em>sees</em>. As n grows the factor {@code s · log n} sharpens the row just enough that an entry with a fixed
 * margin δ over the others keeps its weight: with one winner and n − 1 equal losers the top weight is
 * {@code 1 / (1 + (n − 1) · n^{−sδ})}, which tends to 1 when {@code sδ > 1} and to 0 when {@code sδ < 1}; plain
 * softmax's top weight {@code 1 / (1 + (n − 1)e^{−δ})} always fades to 0 ("attention fading").
 *
 * <p><b>Which n.</b> n is counted per row: the number of visible keys ({@code Mask.visibleCount}), i.e. the query's
 * 1-based position under a causal mask and the real length under key padding, minus any visible key whose score is
 * −∞ (the library treats −∞ as a mask, so both spellings of "masked" give the same n). Using the full row length
 * instead, as some implementations do, sharpens early causal rows far too much.
 *
 * <p><b>Bias variant</b> (a secondary source's reading of the paper, spec part 1 §1(b) [S]): factor
 * {@code s · log n + b} with b learnable, one per head. The paper reports it trains well but generalises worse to
 * long contexts.
 *
 * <p><b>Masks.</b> The factor multiplies the raw scores first, then the masked entries are dropped; −∞ is never
 * multiplied by s (for n = 1, log n = 0 and 0 · −∞ would be NaN). n = 1 gives weight 1 on the one key.
 *
 * <p><b>Backward.</b> With {@code α = s · log n + b}, {@code p = softmax(α z)} and
 * {@code v = p ⊙ (dL/dp − ⟨p, dL/dp⟩)}: {@code dL/dz = α v}, {@code dL/ds_h += log n · Σ_i v_i z_i},
 * {@code dL/db_h += Σ_i v_i z_i}, summed over the rows of head h.
 *
 * <p><b>Precision.</b> The float32 path runs the Vector API softmax kernels on rows of finite scores with a positive
 * factor (the common case in attention); other rows are widened to float64.
 *
 * <p><b>Parameters.</b> s (and b) hold either one value per head (row r uses {@code Shape.head(r)}) or a single
 * value shared by every head and layer position. The paper's initial s is not stated [U]; {@link #initFor(int)}
 * gives {@code 1 / log n_train}, which makes SSMax equal softmax at the training length.
 */
public final class ScalableSoftmax extends RowwiseNormalizer {

    private final Parameter s;
    private final Parameter b;
    /** Whether s is learned; b, when present, always is. */
    private final boolean learnable;

    private ScalableSoftmax(Parameter s, Parameter b, boolean learnable) {
        this.s = s;
        this.b = b;
        this.learnable = learnable;
    }

    /** Learnable s, one per head, all starting at {@code s0}. */
    public static ScalableSoftmax learnable(int heads, double s0) {
        Check.positive("heads", heads);
        Check.finite("s0", s0);
        return new ScalableSoftmax(Parameter.filled("ssmax.s", heads, (float) s0), null, true);
    }

    /** The bias variant {@code softmax((s · log n + b) · z)}: learnable s and b, one of each per head. */
    public static ScalableSoftmax withBias(int heads, double s0, double b0) {
        Check.positive("heads", heads);
        Check.finite("s0", s0);
        Check.finite("b0", b0);
        return new ScalableSoftmax(Parameter.filled("ssmax.s", heads, (float) s0),
                Parameter.filled("ssmax.b", heads, (float) b0), true);
    }

    /** A fixed s shared by all heads, not learned (s = 1 is the paper's "without scaling parameter" setting). */
    public static ScalableSoftmax fixed(double s) {
        Check.finite("s", s);
        return new ScalableSoftmax(Parameter.filled("ssmax.s", 1, (float) s), null, false);
    }

    /**
     * The ablation control: a softmax with a learnable inverse temperature β per head and no {@code log n}, i.e. the
     * bias variant with s frozen at 0, {@code softmax(β · z)}. Comparing it with SSMax separates what the
     * {@code log n} buys at long contexts from what any learnable scale buys during training.
     */
    public static ScalableSoftmax learnedTemperature(int heads, double beta0) {
        Check.positive("heads", heads);
        Check.finite("beta0", beta0);
        return new ScalableSoftmax(Parameter.filled("ssmax.s", 1, 0f), Parameter.filled("softmax.beta", heads,
                (float) beta0), false);
    }

    /** {@code 1 / log nTrain}: the s for which SSMax equals softmax on rows of the training length. */
    public static double initFor(int nTrain) {
        if (nTrain < 2) {
            throw new IllegalArgumentException("nTrain must be >= 2 (log 1 = 0), got " + nTrain);
        }
        return 1 / Math.log(nTrain);
    }

    /** The scaling parameter s (one value per head, or one shared). */
    public Parameter s() {
        return s;
    }

    /** The factor {@code s · log n + b} that multiplies a row of head {@code head} with n visible keys, float64. */
    public double factor(int head, int n) {
        return factor(head, n, Precision.FLOAT64);
    }

    private double factor(int head, int n, Precision<?> precision) {
        double alpha = precision.value(s, index(s, head)) * Math.log(n);
        return b == null ? alpha : alpha + precision.value(b, index(b, head));
    }

    /** A per-head parameter's entry for this head; a single value is shared by all heads. */
    private static int index(Parameter p, int head) {
        return p.size() == 1 ? 0 : head;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>();
        if (learnable) {
            list.add(s);
        }
        if (b != null) {
            list.add(b);
        }
        return List.copyOf(list);
    }

    @Override
    public String name() {
        if (!learnable) {
            return b == null ? "ssmax(s=" + s.value[0] + ")" : "softmax(learned β)";
        }
        return b == null ? "ssmax" : "ssmax+bias";
    }

    @Override
    void validate(Shape shape, Precision<?> precision) {
        for (Parameter p : b == null ? List.of(s) : List.of(s, b)) {
            if (p.size() != 1 && p.size() != shape.heads()) {
                throw new IllegalArgumentException(p.name() + " has " + p.size() + " values (one per head) but the"
                        + " scores have " + shape.heads() + " heads: " + shape);
            }
        }
    }

    @Override
    void forwardRow(double[] z, double[] w, int n, Row row) {
        ScaledRows.softmaxScaled(z, w, n, factor(row.head(), n, row.precision()));
    }

    /**
     * The float32 fast path with the Vector API kernels, for the common row: every entry finite and a positive
     * factor. Other rows (−∞ entries, α ≤ 0) take the widened float64 path, where −∞ entries are dropped and a
     * negative α shifts by the minimum.
     */
    @Override
    boolean forwardRowFloat(float[] z, float[] w, int off, int n, Row row) {
        double alpha = factor(row.head(), n, Precision.FLOAT32);
        if (!(alpha > 0) || !allFinite(z, off, n)) {
            return false;
        }
        SoftmaxKernel.shiftAndScale(z, off, w, off, n, SoftmaxKernel.max(z, off, n), (float) alpha);
        SoftmaxKernel.softmax(w, off, w, off, n);
        return true;
    }

    @Override
    boolean backwardRowFloat(float[] z, float[] w, float[] gw, float[] gz, int off, int n, Row row) {
        double alpha = factor(row.head(), n, Precision.FLOAT32);
        if (!(alpha > 0) || !allFinite(z, off, n)) {
            return false;
        }
        SoftmaxKernel.softmaxBackward(w, off, gw, off, gz, off, n, (float) alpha);
        if (learnable || b != null) {
            // dL/dα = Σ p_i (g_i − ⟨p, g⟩)(z_i − max z), accumulated in double
            double dot = SoftmaxKernel.dot(w, off, gw, off, n);
            float max = SoftmaxKernel.max(z, off, n);
            double dAlpha = 0;
            for (int i = 0; i < n; i++) {
                dAlpha += w[off + i] * (gw[off + i] - dot) * ((double) z[off + i] - max);
            }
            addParameterGradients(row, n, dAlpha);
        }
        return true;
    }

    private static boolean allFinite(float[] z, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (z[off + i] == Float.NEGATIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    private void addParameterGradients(Row row, int n, double dAlpha) {
        if (learnable) {
            row.addGrad(s, index(s, row.head()), Math.log(n) * dAlpha);
        }
        if (b != null) {
            row.addGrad(b, index(b, row.head()), dAlpha);
        }
    }

    @Override
    void backwardRow(double[] z, double[] w, double[] gw, double[] gz, int n, Row row) {
        SoftmaxReference.softmaxBackward(w, 0, gw, 0, gz, 0, n); // gz = v = p ⊙ (g − ⟨p, g⟩)
        double dAlpha = ScaledRows.centredDot(gz, z, n);
        double alpha = factor(row.head(), n, row.precision());
        for (int i = 0; i < n; i++) {
            gz[i] *= alpha;
        }
        addParameterGradients(row, n, dAlpha);
    }
}
