package io.github.softmaxlab.classify;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import io.github.softmaxlab.data.LabeledData;
import io.github.softmaxlab.normalize.Normalizer;

/**
 * A linear classifier {@code z = W x + b} whose class probabilities are {@code p = normalizer(z)}, trained by
 * full-batch gradient descent on the mean negative log-likelihood {@code −(1/N) Σ log p_{y}} plus
 * {@code (λ/2)‖W‖²}. Any {@link Normalizer} works (softmax, logistic-softmax, …): the gradient goes through its
 * {@code backward}, so swapping the likelihood is one argument. Float64 throughout; meant for small few-shot tasks in
 * notebooks, not for speed. The normalizer's own parameters (e.g. a temperature) are left fixed here.
 */
public final class LikelihoodClassifier {

    private final int features;
    private final int classes;
    private final double[] weights;
    private final double[] bias;

    private LikelihoodClassifier(int features, int classes) {
        this.features = features;
        this.classes = classes;
        this.weights = new double[classes * features];
        this.bias = new double[classes];
    }

    /**
     * Trains from zero weights for {@code steps} steps of size {@code learningRate} with L2 strength {@code l2}.
     */
    public static LikelihoodClassifier fit(LabeledData data, Normalizer likelihood, int steps, double learningRate,
            double l2) {
        Check.notNull("likelihood", likelihood);
        Check.nonNegative("steps", steps);
        Check.positiveFinite("learningRate", learningRate);
        if (!(l2 >= 0 && Double.isFinite(l2))) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
        }
        LikelihoodClassifier model = new LikelihoodClassifier(data.features(), data.classes());
        for (int step = 0; step < steps; step++) {
            model.step(data, likelihood, learningRate, l2);
        }
        return model;
    }

    private void step(LabeledData data, Normalizer likelihood, double learningRate, double l2) {
        int n = data.size();
        Shape shape = Shape.of(n, classes);
        double[] z = logits(data);
        double[] p = new double[z.length];
        likelihood.forward(z, p, shape, Mask.NONE);
        double[] dp = new double[z.length];
        for (int i = 0; i < n; i++) {
            int at = i * classes + data.y()[i];
            dp[at] = -1.0 / (n * Math.max(p[at], 1e-300));
        }
        double[] dz = new double[z.length];
        likelihood.backward(z, p, dp, dz, shape, Mask.NONE);
        double[] gw = new double[weights.length];
        double[] gb = new double[classes];
        float[] x = data.x();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                double d = dz[i * classes + c];
                gb[c] += d;
                for (int f = 0; f < features; f++) {
                    gw[c * features + f] += d * x[i * features + f];
                }
            }
        }
        for (int k = 0; k < weights.length; k++) {
            weights[k] -= learningRate * (gw[k] + l2 * weights[k]);
        }
        for (int c = 0; c < classes; c++) {
            bias[c] -= learningRate * gb[c];
        }
    }

    /** The logits {@code W x + b} of every row, {@code size × classes}, row-major. */
    public double[] logits(LabeledData data) {
        Check.sameLength("features", data.features(), "model features", features);
        int n = data.size();
        double[] z = new double[n * classes];
        float[] x = data.x();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                double s = bias[c];
                for (int f = 0; f < features; f++) {
                    s += weights[c * features + f] * x[i * features + f];
                }
                z[i * classes + c] = s;
            }
        }
        return z;
    }

    /** Class probabilities of every row under {@code likelihood}, {@code size × classes}. */
    public double[] probabilities(LabeledData data, Normalizer likelihood) {
        double[] z = logits(data);
        double[] p = new double[z.length];
        likelihood.forward(z, p, Shape.of(data.size(), classes), Mask.NONE);
        return p;
    }

    public int classes() {
        return classes;
    }
}
