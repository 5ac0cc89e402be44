package io.github.softmaxlab.experiment;

import java.util.Random;

/**
 * A linear layer {@code z = W x + b} on rows of features, float64, trained by SGD with momentum: the model of the
 * toy experiments in notebooks 06 and 07 (experiment code, not a paper's).
 */
public final class LinearModel {

    private final int inputs;
    private final int outputs;
    final double[] w;
    final double[] b;
    private final double[] vw;
    private final double[] vb;

    /** Weights N(0, 0.01²), biases 0. */
    public LinearModel(int inputs, int outputs, long seed) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.w = new double[outputs * inputs];
        this.b = new double[outputs];
        this.vw = new double[w.length];
        this.vb = new double[outputs];
        Random random = new Random(seed);
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.01 * random.nextGaussian();
        }
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /** Logits of rows {@code [start, start + rows)} of {@code x} (row-major, {@link #inputs()} per row). */
    public double[] logits(double[] x, int start, int rows) {
        double[] z = new double[rows * outputs];
        for (int e = 0; e < rows; e++) {
            for (int l = 0; l < outputs; l++) {
                double s = b[l];
                for (int k = 0; k < inputs; k++) {
                    s += w[l * inputs + k] * x[(start + e) * inputs + k];
                }
                z[e * outputs + l] = s;
            }
        }
        return z;
    }

    /** One SGD step with momentum 0.9, given dL/dlogits {@code gz} of rows {@code [start, start + rows)}. */
    public void step(double[] x, int start, int rows, double[] gz, double lr) {
        for (int l = 0; l < outputs; l++) {
            double gb = 0;
            for (int e = 0; e < rows; e++) {
                gb += gz[e * outputs + l];
            }
            vb[l] = 0.9 * vb[l] + gb;
            b[l] -= lr * vb[l];
            for (int k = 0; k < inputs; k++) {
                double gw = 0;
                for (int e = 0; e < rows; e++) {
                    gw += gz[e * outputs + l] * x[(start + e) * inputs + k];
                }
                vw[l * inputs + k] = 0.9 * vw[l * inputs + k] + gw;
                w[l * inputs + k] -= lr * vw[l * inputs + k];
            }
        }
    }
}
