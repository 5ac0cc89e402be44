package io.github.softmaxlab.classify;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Parameter;
import java.util.List;
import java.util.Random;

/**
 * A linear map {@code y = W x + b} on rows of float features: logits of a softmax-regression classifier, or a
 * linear encoder / prototype layer. W is {@code outputs × inputs}, row-major; the bias is optional (prototype
 * layers, whose logits are plain dot products, have none).
 *
 * <p>Kept deliberately small, for the notebooks' classifiers: one layer, float32, scalar loops. The transformer of a
 * later issue brings its own layers. W starts at N(0, scale²) with {@code scale = 1/√inputs} unless given, never at
 * zero: losses like {@link io.github.softmaxlab.loss.ZLoss} have zero gradient at all-equal logits.
 */
public final class LinearClassifier {

    private final int inputs;
    private final int outputs;
    private final Parameter weight;
    private final Parameter bias;

    private LinearClassifier(String name, int inputs, int outputs, boolean withBias, double scale, long seed) {
        Check.positive("inputs", inputs);
        Check.positive("outputs", outputs);
        Check.finite("scale", scale);
        this.inputs = inputs;
        this.outputs = outputs;
        Random random = new Random(seed);
        float[] w = new float[outputs * inputs];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * scale);
        }
        this.weight = new Parameter(name + ".weight", w, outputs, inputs);
        this.bias = withBias ? new Parameter(name + ".bias", new float[outputs]) : null;
    }

    /** {@code W x + b} with W ~ N(0, 1/inputs) from {@code seed}, b = 0. */
    public static LinearClassifier withBias(String name, int inputs, int outputs, long seed) {
        return new LinearClassifier(name, inputs, outputs, true, 1 / Math.sqrt(inputs), seed);
    }

    /** {@code W x}, no bias, W ~ N(0, scale²) from {@code seed}. */
    public static LinearClassifier withoutBias(String name, int inputs, int outputs, double scale, long seed) {
        return new LinearClassifier(name, inputs, outputs, false, scale, seed);
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public Parameter weight() {
        return weight;
    }

    /** W, then b if there is one. */
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /** Outputs of {@code x.length / inputs} rows, {@code rows × outputs}, row-major. */
    public float[] forward(float[] x) {
        int rows = rows(x);
        float[] y = new float[rows * outputs];
        float[] w = weight.value;
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputs; o++) {
                double s = bias == null ? 0 : bias.value[o];
                for (int i = 0; i < inputs; i++) {
                    s += w[o * inputs + i] * x[r * inputs + i];
                }
                y[r * outputs + o] = (float) s;
            }
        }
        return y;
    }

    /**
     * Accumulates dL/dW and dL/db from {@code gradY = dL/dy} and returns dL/dx ({@code rows × inputs}), for a layer
     * below this one.
     */
    public float[] backward(float[] x, float[] gradY) {
        int rows = rows(x);
        Check.sameLength("gradY", gradY.length, "rows × outputs", rows * outputs);
        float[] gw = weight.grad;
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputs; o++) {
                float g = gradY[r * outputs + o];
                if (bias != null) {
                    bias.grad[o] += g;
                }
                for (int i = 0; i < inputs; i++) {
                    gw[o * inputs + i] += g * x[r * inputs + i];
                }
            }
        }
        return inputGradient(gradY);
    }

    /**
     * dL/dx = {@code gradY · W} without touching the parameter gradients: the input path alone, for a layer whose
     * weights another loss trains (SA-Softmax's prototypes).
     */
    public float[] inputGradient(float[] gradY) {
        if (gradY.length % outputs != 0) {
            throw new IllegalArgumentException("gradY has length " + gradY.length + ", not a multiple of outputs = "
                    + outputs);
        }
        int rows = gradY.length / outputs;
        float[] gradX = new float[rows * inputs];
        float[] w = weight.value;
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputs; o++) {
                float g = gradY[r * outputs + o];
                for (int i = 0; i < inputs; i++) {
                    gradX[r * inputs + i] += g * w[o * inputs + i];
                }
            }
        }
        return gradX;
    }

    private int rows(float[] x) {
        if (x.length % inputs != 0) {
            throw new IllegalArgumentException("x has length " + x.length + ", not a multiple of inputs = " + inputs);
        }
        return x.length / inputs;
    }

    @Override
    public String toString() {
        return "LinearClassifier(" + inputs + " → " + outputs + (bias == null ? ", no bias)" : ")");
    }
}
