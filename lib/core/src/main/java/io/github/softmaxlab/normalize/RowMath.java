package io.github.softmaxlab.normalize;

/** Float64 row steps shared by the softmax-like {@link RowwiseNormalizer}s. */
final class RowMath {

    private RowMath() {
    }

    /**
     * In place, {@code w_i ← e^{w_i − max} / (Σ_j e^{w_j − max} + extra)}: a softmax of {@code w[0..n)} when
     * {@code extra = 0}, with {@code extra} the mass of logits outside the row (e.g. an inhibitor), already scaled by
     * {@code e^{−max}}.
     */
    static void expNormalize(double[] w, int n, double max, double extra) {
        double sum = extra;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(w[i] - max);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
    }

    /** The softmax VJP {@code gz = p ⊙ (gp − ⟨gp, p⟩)}, also right for a softmax whose row omits some logits. */
    static void softmaxVjp(double[] p, double[] gp, double[] gz, int n) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += gp[i] * p[i];
        }
        for (int i = 0; i < n; i++) {
            gz[i] = p[i] * (gp[i] - dot);
        }
    }
}
