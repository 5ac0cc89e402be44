package io.github.softmaxlab.loss;

/** Small stable scalar functions the losses share. */
final class RowMath {

    private RowMath() {
    }

    static double sum(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    /** {@code log(1 + eˣ) = max(x, 0) + log1p(e^−|x|)}: no overflow for large x, no underflow to 0 for small. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** {@code 1 / (1 + e^−x)}, computed from the side where the exponential cannot overflow. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
