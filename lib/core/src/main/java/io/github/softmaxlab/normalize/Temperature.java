package io.github.softmaxlab.normalize;

import io.github.softmaxlab.kernel.SoftmaxKernel;
import io.github.softmaxlab.kernel.reference.SoftmaxReference;
import java.util.Arrays;

/**
 * Rewrites a row as {@code (z − max z)/T} before a softmax: {@code softmax(z/T)} equals the softmax of that, and
 * subtracting first keeps {@code z/T} from overflowing when z is huge and T small. A row of −∞ stays −∞.
 */
final class Temperature {

    private Temperature() {
    }

    static void shiftAndScale(float[] z, float[] out, int off, int n, float invT) {
        float max = SoftmaxKernel.max(z, off, n);
        if (max == Float.NEGATIVE_INFINITY) {
            Arrays.fill(out, off, off + n, max);
            return;
        }
        SoftmaxKernel.shiftAndScale(z, off, out, off, n, max, invT);
    }

    static void shiftAndScale(double[] z, double[] out, int off, int n, double invT) {
        double max = SoftmaxReference.max(z, off, n);
        for (int i = 0; i < n; i++) {
            out[off + i] = max == Double.NEGATIVE_INFINITY ? max : (z[off + i] - max) * invT;
        }
    }
}
