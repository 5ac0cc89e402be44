package io.github.softmaxlab.normalize;

/**
 * MultiMax's element-wise modulator (Zhou, Fritz, Keuper, ICML 2024, arXiv 2406.01189, Eq. 6; function
 * {@code SeLU} in the authors' code), a snapshot of its eight parameters:
 * <pre>  σ(x) = x + t₀·ReLU(r₀ − x) + t₁·ReLU(x − r₁) + t₂·ReLU(r₂ − x)² + t₃·ReLU(x − r₃)²</pre>
 * Below r₀ the slope is {@code 1 − t₀} (t₀ &lt; 0: steeper, small entries pushed down, i.e. sparsity); above r₁
 * it is {@code 1 + t₁} (t₁ &lt; 0: flatter, large entries kept close, i.e. several modes survive); t₂ and t₃ add
 * second-order pieces. All t = 0 gives σ(x) = x, so MultiMax is then exactly softmax.
 *
 * <p>Derivatives use one-sided indicators ({@code 1[x < r₀]}, {@code 1[x > r₁]}), the convention of the spec; σ is
 * continuous everywhere and differentiable except at r₀ and r₁.
 *
 * @param r the four thresholds r₀..r₃
 * @param t the four coefficients t₀..t₃
 */
public record MultiMaxModulator(double[] r, double[] t) {

    /** Number of thresholds and of coefficients. */
    public static final int PIECES = 4;

    public MultiMaxModulator {
        if (r.length != PIECES || t.length != PIECES) {
            throw new IllegalArgumentException("MultiMax needs " + PIECES + " thresholds r and " + PIECES
                    + " coefficients t, got " + r.length + " and " + t.length);
        }
        r = r.clone();
        t = t.clone();
    }

    /** σ(x). */
    public double apply(double x) {
        double lo0 = relu(r[0] - x);
        double hi1 = relu(x - r[1]);
        double lo2 = relu(r[2] - x);
        double hi3 = relu(x - r[3]);
        return x + t[0] * lo0 + t[1] * hi1 + t[2] * lo2 * lo2 + t[3] * hi3 * hi3;
    }

    /** σ'(x) (one-sided at the kinks r₀, r₁). */
    public double slope(double x) {
        return 1 - (x < r[0] ? t[0] : 0) + (x > r[1] ? t[1] : 0) - 2 * t[2] * relu(r[2] - x)
                + 2 * t[3] * relu(x - r[3]);
    }

    /**
     * Adds {@code v · ∂σ(x)/∂r_k} to {@code gradR[k]} and {@code v · ∂σ(x)/∂t_k} to {@code gradT[k]}.
     */
    public void addParameterGradients(double x, double v, double[] gradR, double[] gradT) {
        double lo0 = relu(r[0] - x);
        double hi1 = relu(x - r[1]);
        double lo2 = relu(r[2] - x);
        double hi3 = relu(x - r[3]);
        gradT[0] += v * lo0;
        gradT[1] += v * hi1;
        gradT[2] += v * lo2 * lo2;
        gradT[3] += v * hi3 * hi3;
        gradR[0] += v * (x < r[0] ? t[0] : 0);
        gradR[1] -= v * (x > r[1] ? t[1] : 0);
        gradR[2] += v * 2 * t[2] * lo2;
        gradR[3] -= v * 2 * t[3] * hi3;
    }

    private static double relu(double x) {
        return x > 0 ? x : 0;
    }
}
