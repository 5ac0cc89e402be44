package io.github.softmaxlab.classify;

import io.github.softmaxlab.core.Check;

/**
 * Reliability of predicted probabilities: predictions are binned by confidence (the top probability) into equal-width
 * bins over [0, 1]; a calibrated model has accuracy = mean confidence in every bin. The expected calibration error
 * is {@code ECE = Σ_b (n_b/N)·|acc_b − conf_b|} (Guo et al. 2017; the spec uses 15 bins).
 *
 * @param confidence mean confidence per bin (NaN for an empty bin)
 * @param accuracy   accuracy per bin (NaN for an empty bin)
 * @param count      predictions per bin
 * @param ece        expected calibration error
 * @param meanConfidence mean top probability over all predictions
 * @param meanAccuracy   accuracy over all predictions
 */
public record Calibration(double[] confidence, double[] accuracy, int[] count, double ece, double meanConfidence,
        double meanAccuracy) {

    /**
     * Bins the predictions {@code probabilities} ({@code labels.length × classes}, row-major) against the true
     * {@code labels}. The predicted class is the arg-max (first on ties).
     */
    public static Calibration of(double[] probabilities, int[] labels, int classes, int bins) {
        Check.positive("bins", bins);
        Check.positive("classes", classes);
        Check.sameLength("probabilities", probabilities.length, "labels × classes", labels.length * classes);
        double[] conf = new double[bins];
        double[] correct = new double[bins];
        int[] count = new int[bins];
        double totalConf = 0;
        double totalCorrect = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[i * classes + c] > probabilities[i * classes + best]) {
                    best = c;
                }
            }
            double top = probabilities[i * classes + best];
            int bin = Math.min(bins - 1, (int) (top * bins));
            double hit = best == labels[i] ? 1 : 0;
            conf[bin] += top;
            correct[bin] += hit;
            count[bin]++;
            totalConf += top;
            totalCorrect += hit;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            conf[b] = count[b] == 0 ? Double.NaN : conf[b] / count[b];
            correct[b] = count[b] == 0 ? Double.NaN : correct[b] / count[b];
            if (count[b] > 0) {
                ece += (double) count[b] / labels.length * Math.abs(correct[b] - conf[b]);
            }
        }
        int n = Math.max(1, labels.length);
        return new Calibration(conf, correct, count, ece, totalConf / n, totalCorrect / n);
    }
}
