package io.github.softmaxlab.classify;

import io.github.softmaxlab.core.Check;

/**
 * Cross-modal retrieval measures on L2-normalised feature rows: each query ranks the gallery by cosine similarity.
 */
public final class Retrieval {

    private Retrieval() {
    }

    /** A copy of {@code features} ({@code rows × dim}) with every row scaled to unit length (zero rows stay 0). */
    public static float[] normalized(float[] features, int dim) {
        Check.positive("dim", dim);
        float[] out = features.clone();
        for (int off = 0; off < out.length; off += dim) {
            double norm = 0;
            for (int i = 0; i < dim; i++) {
                norm += out[off + i] * out[off + i];
            }
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            for (int i = 0; i < dim; i++) {
                out[off + i] *= inv;
            }
        }
        return out;
    }

    /**
     * Recall@k: the fraction of queries for which at least one of the k most similar gallery items has the query's
     * label (rank-k in re-identification terms). Features must be normalised ({@link #normalized}).
     */
    public static double recallAtK(float[] queries, int[] queryLabels, float[] gallery, int[] galleryLabels, int dim,
            int k) {
        Check.positive("k", k);
        Check.sameLength("queries", queries.length, "queryLabels.length × dim", queryLabels.length * dim);
        Check.sameLength("gallery", gallery.length, "galleryLabels.length × dim", galleryLabels.length * dim);
        float[] sims = new float[galleryLabels.length];
        int hits = 0;
        for (int q = 0; q < queryLabels.length; q++) {
            for (int g = 0; g < sims.length; g++) {
                sims[g] = dot(queries, q * dim, gallery, g * dim, dim);
            }
            hits += firstMatchRank(sims, galleryLabels, queryLabels[q]) < k ? 1 : 0;
        }
        return queryLabels.length == 0 ? 0 : (double) hits / queryLabels.length;
    }

    /**
     * The modality-gap ratio {@code ‖mean_A − mean_B‖ / (mean distance of a feature to its label's centroid)}: how
     * far apart the two modalities' clouds sit compared with the spread of one identity. Smaller is better aligned.
     */
    public static double modalityGap(float[] a, int[] labelsA, float[] b, int[] labelsB, int dim, int classes) {
        double[] meanA = centroid(a, dim);
        double[] meanB = centroid(b, dim);
        double gap = 0;
        for (int i = 0; i < dim; i++) {
            gap += (meanA[i] - meanB[i]) * (meanA[i] - meanB[i]);
        }
        double[][] centroids = new double[classes][dim];
        int[] counts = new int[classes];
        accumulate(a, labelsA, dim, centroids, counts);
        accumulate(b, labelsB, dim, centroids, counts);
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < dim; i++) {
                centroids[c][i] /= Math.max(1, counts[c]);
            }
        }
        double spread = (distanceSum(a, labelsA, dim, centroids) + distanceSum(b, labelsB, dim, centroids))
                / (labelsA.length + labelsB.length);
        return Math.sqrt(gap) / spread;
    }

    private static int firstMatchRank(float[] sims, int[] labels, int label) {
        float best = Float.NEGATIVE_INFINITY;
        for (int g = 0; g < sims.length; g++) {
            if (labels[g] == label) {
                best = Math.max(best, sims[g]);
            }
        }
        int above = 0;
        for (float s : sims) {
            above += s > best ? 1 : 0;
        }
        return above;
    }

    private static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    private static double[] centroid(float[] x, int dim) {
        double[] mean = new double[dim];
        int rows = x.length / dim;
        for (int off = 0; off < x.length; off += dim) {
            for (int i = 0; i < dim; i++) {
                mean[i] += x[off + i] / (double) rows;
            }
        }
        return mean;
    }

    private static void accumulate(float[] x, int[] labels, int dim, double[][] sums, int[] counts) {
        for (int r = 0; r < labels.length; r++) {
            counts[labels[r]]++;
            for (int i = 0; i < dim; i++) {
                sums[labels[r]][i] += x[r * dim + i];
            }
        }
    }

    private static double distanceSum(float[] x, int[] labels, int dim, double[][] centroids) {
        double total = 0;
        for (int r = 0; r < labels.length; r++) {
            double d = 0;
            for (int i = 0; i < dim; i++) {
                double diff = x[r * dim + i] - centroids[labels[r]][i];
                d += diff * diff;
            }
            total += Math.sqrt(d);
        }
        return total;
    }
}
