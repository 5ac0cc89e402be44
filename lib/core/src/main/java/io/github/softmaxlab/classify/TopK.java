package io.github.softmaxlab.classify;

import io.github.softmaxlab.core.Check;

/** Top-k accuracy of rows of scores: the fraction of rows whose target is among the k highest scores. */
public final class TopK {

    private TopK() {
    }

    /**
     * @param scores  {@code targets.length × cols}, row-major
     * @param k       at least 1; ties count against the target (a tie with a higher index is not "above" it, one
     *                with a lower index is), so constant scores do not score 100 %
     */
    public static double accuracy(float[] scores, int[] targets, int cols, int k) {
        Check.positive("k", k);
        Check.sameLength("scores", scores.length, "targets.length × cols", targets.length * cols);
        int hits = 0;
        for (int r = 0; r < targets.length; r++) {
            float own = scores[r * cols + targets[r]];
            int above = 0;
            for (int c = 0; c < cols; c++) {
                float s = scores[r * cols + c];
                if (s > own || (s == own && c < targets[r])) {
                    above++;
                }
            }
            hits += above < k ? 1 : 0;
        }
        return targets.length == 0 ? 0 : (double) hits / targets.length;
    }
}
