package io.github.softmaxlab.experiment;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.loss.Loss;
import java.util.Random;

/**
 * A synthetic many-class task for the sparse-softmax paper's setting (Sun et al. 2021: outputs with more than ~100
 * classes), at toy scale: C classes with means {@code μ_c ~ N(0, I_d)}, examples {@code x = μ_c + N(0, noise² I)},
 * a linear model trained by mini-batch SGD with momentum under any {@link Loss}. Experiment code for notebook 06.
 */
public final class ManyClassToy {

    /** Examples in rows: {@code x} is n × d, {@code y} the class of each row. */
    public record Data(double[] x, int[] y, int n, int d, int classes) {
    }

    private ManyClassToy() {
    }

    /** Train and test sets from the same class means: {@code [train, test]}. */
    public static Data[] trainTest(int nTrain, int nTest, int d, int classes, double noise, long seed) {
        Check.positive("classes", classes);
        Random random = new Random(seed);
        double[] means = new double[classes * d];
        for (int i = 0; i < means.length; i++) {
            means[i] = random.nextGaussian();
        }
        return new Data[] {sample(nTrain, d, classes, noise, means, random),
            sample(nTest, d, classes, noise, means, random)};
    }

    private static Data sample(int n, int d, int classes, double noise, double[] means, Random random) {
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int e = 0; e < n; e++) {
            y[e] = random.nextInt(classes);
            for (int k = 0; k < d; k++) {
                x[e * d + k] = means[y[e] * d + k] + noise * random.nextGaussian();
            }
        }
        return new Data(x, y, n, d, classes);
    }

    /** Trains a linear model under {@code loss} for {@code epochs} passes; returns it. */
    public static LinearModel train(Loss loss, Data data, int epochs, int batch, double lr, long seed) {
        LinearModel model = new LinearModel(data.d(), data.classes(), seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int start = 0; start < data.n(); start += batch) {
                int rows = Math.min(batch, data.n() - start);
                double[] z = model.logits(data.x(), start, rows);
                int[] targets = new int[rows];
                System.arraycopy(data.y(), start, targets, 0, rows);
                double[] gz = new double[z.length];
                loss.backward(z, targets, gz, Shape.of(rows, data.classes()), Mask.NONE);
                model.step(data.x(), start, rows, gz, lr);
            }
        }
        return model;
    }

    /** Fraction of rows whose largest logit is the true class. */
    public static double accuracy(LinearModel model, Data data) {
        double[] z = model.logits(data.x(), 0, data.n());
        int correct = 0;
        for (int e = 0; e < data.n(); e++) {
            int best = 0;
            for (int c = 1; c < data.classes(); c++) {
                if (z[e * data.classes() + c] > z[e * data.classes() + best]) {
                    best = c;
                }
            }
            correct += best == data.y()[e] ? 1 : 0;
        }
        return (double) correct / data.n();
    }
}
