package io.github.softmaxlab.loss;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import java.util.Arrays;

/**
 * The sparse-softmax loss (Sun, Zhang, Huang, Lei, Su, Pan &amp; Cao, arXiv 2112.12433, 2021): cross-entropy
 * normalised over the k largest logits only,
 * <pre>
 *   L = logsumexp_{j∈Ω_k} z_j − z_t,
 * </pre>
 * Ω_k the indices of the k largest visible logits (ties: lower index first), t the target. L ≥ 0 even when t ∉ Ω_k
 * (then {@code z_t} is below every logit in Ω_k). For k ≥ the number of visible classes it is the ordinary
 * cross-entropy. The formulas are our spec's reconstruction ([U] in part 1 §9): the paper's abstract confirms the idea,
 * not these details.
 *
 * <p><b>Gradient</b>, Ω_k held fixed (piecewise constant): {@code ∂L/∂z_i = p_i − [i = t]} with p the softmax over Ω_k
 * (0 outside it). Only k + 1 entries per row are non-zero, which is where the paper's speed argument comes from; this
 * implementation still reads every logit to select Ω_k.
 *
 * <p>{@link #withTarget(int)} (our option, flagged [U] in the spec) normalises over {@code Ω_k ∪ {t}} instead, so the
 * target always competes. The float32 methods convert to float64 and back: this loss is for small experiments.
 */
public final class SparseSoftmaxLoss implements Loss {

    private final int k;
    private final boolean includeTarget;

    private SparseSoftmaxLoss(int k, boolean includeTarget) {
        Check.positive("k", k);
        this.k = k;
        this.includeTarget = includeTarget;
    }

    /** Normalises over the k largest logits (the paper's loss). */
    public static SparseSoftmaxLoss of(int k) {
        return new SparseSoftmaxLoss(k, false);
    }

    /** Normalises over the k largest logits and the target. */
    public static SparseSoftmaxLoss withTarget(int k) {
        return new SparseSoftmaxLoss(k, true);
    }

    @Override
    public String name() {
        return "sparse-softmax CE(k=" + k + (includeTarget ? ", +target" : "") + ")";
    }

    @Override
    public double forward(float[] logits, int[] targets, Shape shape, Mask mask) {
        return forward(toDouble(logits), targets, shape, mask);
    }

    @Override
    public void backward(float[] logits, int[] targets, float[] gradLogits, Shape shape, Mask mask) {
        Check.sameLength("gradLogits", gradLogits.length, "logits", logits.length);
        double[] grad = new double[gradLogits.length];
        backward(toDouble(logits), targets, grad, shape, mask);
        for (int i = 0; i < grad.length; i++) {
            gradLogits[i] = (float) grad[i];
        }
    }

    @Override
    public double forward(double[] logits, int[] targets, Shape shape, Mask mask) {
        return run(logits, targets, null, shape, mask);
    }

    @Override
    public void backward(double[] logits, int[] targets, double[] gradLogits, Shape shape, Mask mask) {
        Check.notNull("gradLogits", gradLogits);
        shape.requireSize("gradLogits", gradLogits.length);
        run(logits, targets, gradLogits, shape, mask);
    }

    /** Mean loss; also writes the gradient of the mean when {@code grad} is not null. */
    private double run(double[] logits, int[] targets, double[] grad, Shape shape, Mask mask) {
        validate(logits, targets, shape, mask);
        int rows = shape.rows();
        if (grad != null) {
            Arrays.fill(grad, 0);
        }
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int off = shape.offset(r);
            int[] kept = selected(logits, off, r, targets[r], shape, mask);
            double max = Double.NEGATIVE_INFINITY;
            for (int i : kept) {
                max = Math.max(max, logits[off + i]);
            }
            double sum = 0;
            for (int i : kept) {
                sum += Math.exp(logits[off + i] - max);
            }
            total += max + Math.log(sum) - logits[off + targets[r]];
            if (grad != null) {
                for (int i : kept) {
                    grad[off + i] = Math.exp(logits[off + i] - max) / sum / rows;
                }
                grad[off + targets[r]] -= 1.0 / rows;
            }
        }
        return rows == 0 ? 0 : total / rows;
    }

    /** Ω_k (or Ω_k ∪ {t}) of one row: visible columns, largest logits first, ties to the lower index. */
    private int[] selected(double[] logits, int off, int row, int target, Shape shape, Mask mask) {
        int cols = shape.cols();
        Integer[] visible = new Integer[mask.visibleCount(shape, row)];
        int n = 0;
        for (int c = 0; c < cols; c++) {
            if (mask.isVisible(shape, row, c)) {
                visible[n++] = c;
            }
        }
        Arrays.sort(visible, (a, b) -> logits[off + a] != logits[off + b]
                ? Double.compare(logits[off + b], logits[off + a]) : Integer.compare(a, b));
        int keep = Math.min(k, n);
        int[] kept = new int[keep + 1];
        boolean hasTarget = false;
        for (int j = 0; j < keep; j++) {
            kept[j] = visible[j];
            hasTarget |= visible[j] == target;
        }
        if (includeTarget && !hasTarget) {
            kept[keep] = target;
            return kept;
        }
        return Arrays.copyOf(kept, keep);
    }

    private static void validate(double[] logits, int[] targets, Shape shape, Mask mask) {
        Check.notNull("logits", logits);
        Check.notNull("targets", targets);
        Check.notNull("mask", mask);
        mask.validate(shape);
        shape.requireSize("logits", logits.length);
        Check.sameLength("targets", targets.length, "rows of shape " + shape, shape.rows());
        for (int r = 0; r < shape.rows(); r++) {
            Check.inRange("targets[" + r + "]", targets[r], 0, shape.cols() - 1);
            if (!mask.isVisible(shape, r, targets[r])) {
                throw new IllegalArgumentException("targets[" + r + "] = " + targets[r] + " is masked in row " + r);
            }
            for (int c = 0; c < shape.cols(); c++) {
                double v = logits[shape.offset(r) + c];
                if (!Double.isFinite(v) && mask.isVisible(shape, r, c)) {
                    throw new IllegalArgumentException("logits[row " + r + ", col " + c + "] is " + v
                            + "; logits must be finite (mask the class instead)");
                }
            }
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[Check.notNull("logits", x).length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
