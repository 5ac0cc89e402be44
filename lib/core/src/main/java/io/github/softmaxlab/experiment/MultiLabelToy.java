package io.github.softmaxlab.experiment;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.normalize.Normalizer;
import java.util.Random;

/**
 * A small synthetic multi-label task for comparing normalizers whose output is read as a label set (r-softmax,
 * sparsemax, softmax with a threshold), after the r-softmax paper's multi-label experiments (Bałazy et al. 2023)
 * at toy scale. This is experiment code for notebook 07, not part of the paper.
 *
 * <p><b>Data.</b> Each of L labels has a random prototype in R^d (N(0, I)). An example draws 1 to
 * {@code maxPositives} distinct positive labels uniformly, and its features are the mean of their prototypes plus
 * N(0, noise²) noise. The target distribution is uniform over the positives.
 *
 * <p><b>Model and loss.</b> Logits {@code W x + b}, weights {@code p = normalizer(logits)}, loss the squared error
 * {@code ½‖p − y‖²} (our choice: it is finite for every normalizer, whereas cross-entropy on a sparse output is
 * infinite when a positive label gets weight 0; the paper's exact training loss is not confirmed). Mini-batch SGD
 * with momentum 0.9, through the normalizer's float64 {@code backward}.
 *
 * <p><b>Prediction.</b> The predicted label set is {@code {i : p_i > threshold}}: threshold 0 (the support) for the
 * sparse normalizers, 1/L for softmax. The score is the example-averaged F1.
 */
public final class MultiLabelToy {

    /** Examples in rows: {@code x} is n × d, {@code y} the n × L target distributions (uniform on positives). */
    public record Data(double[] x, double[] y, int n, int d, int labels) {
    }

    private MultiLabelToy() {
    }

    /** Train and test sets drawn from the same prototypes: {@code [train, test]}. */
    public static Data[] trainTest(int nTrain, int nTest, int d, int labels, int maxPositives, double noise,
            long seed) {
        Check.positive("labels", labels);
        Check.inRange("maxPositives", maxPositives, 1, labels);
        Random random = new Random(seed);
        double[] prototypes = new double[labels * d];
        for (int i = 0; i < prototypes.length; i++) {
            prototypes[i] = random.nextGaussian();
        }
        return new Data[] {sample(nTrain, d, labels, maxPositives, noise, prototypes, random),
            sample(nTest, d, labels, maxPositives, noise, prototypes, random)};
    }

    private static Data sample(int n, int d, int labels, int maxPositives, double noise, double[] prototypes,
            Random random) {
        double[] x = new double[n * d];
        double[] y = new double[n * labels];
        for (int e = 0; e < n; e++) {
            int positives = 1 + random.nextInt(maxPositives);
            int chosen = 0;
            while (chosen < positives) {
                int l = random.nextInt(labels);
                if (y[e * labels + l] == 0) {
                    y[e * labels + l] = 1;
                    chosen++;
                    for (int k = 0; k < d; k++) {
                        x[e * d + k] += prototypes[l * d + k];
                    }
                }
            }
            for (int l = 0; l < labels; l++) {
                y[e * labels + l] /= positives;
            }
            for (int k = 0; k < d; k++) {
                x[e * d + k] = x[e * d + k] / positives + noise * random.nextGaussian();
            }
        }
        return new Data(x, y, n, d, labels);
    }

    /** Trains a linear model under {@code normalizer} with the squared-error loss; returns it. */
    public static LinearModel train(Normalizer normalizer, Data data, int epochs, int batch, double lr, long seed) {
        LinearModel model = new LinearModel(data.d(), data.labels(), seed);
        int labels = data.labels();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int start = 0; start < data.n(); start += batch) {
                int rows = Math.min(batch, data.n() - start);
                Shape shape = Shape.of(rows, labels);
                double[] z = model.logits(data.x(), start, rows);
                double[] p = new double[z.length];
                normalizer.forward(z, p, shape, Mask.NONE);
                double[] gp = new double[z.length];
                for (int i = 0; i < gp.length; i++) {
                    gp[i] = (p[i] - data.y()[start * labels + i]) / rows;
                }
                double[] gz = new double[z.length];
                normalizer.backward(z, p, gp, gz, shape, Mask.NONE);
                model.step(data.x(), start, rows, gz, lr);
            }
        }
        return model;
    }

    /** Example-averaged F1 of the label sets {@code {i : p_i > threshold}} against the positives. */
    public static double f1(Normalizer normalizer, LinearModel model, Data data, double threshold) {
        int labels = data.labels();
        double[] p = predict(normalizer, model, data);
        double total = 0;
        for (int e = 0; e < data.n(); e++) {
            int tp = 0;
            int predicted = 0;
            int actual = 0;
            for (int l = 0; l < labels; l++) {
                boolean pred = p[e * labels + l] > threshold;
                boolean pos = data.y()[e * labels + l] > 0;
                tp += pred && pos ? 1 : 0;
                predicted += pred ? 1 : 0;
                actual += pos ? 1 : 0;
            }
            total += predicted + actual == 0 ? 1 : 2.0 * tp / (predicted + actual);
        }
        return total / data.n();
    }

    /** Mean number of labels with {@code p_i > threshold} per example: the size of the predicted sets. */
    public static double meanPredicted(Normalizer normalizer, LinearModel model, Data data, double threshold) {
        double[] p = predict(normalizer, model, data);
        int count = 0;
        for (double v : p) {
            count += v > threshold ? 1 : 0;
        }
        return (double) count / data.n();
    }

    /** The normalizer's weights for every example, n × L. */
    public static double[] predict(Normalizer normalizer, LinearModel model, Data data) {
        double[] p = new double[data.n() * data.labels()];
        normalizer.forward(model.logits(data.x(), 0, data.n()), p, Shape.of(data.n(), data.labels()), Mask.NONE);
        return p;
    }
}
