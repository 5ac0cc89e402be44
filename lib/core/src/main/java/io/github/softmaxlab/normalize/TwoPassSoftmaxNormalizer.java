package io.github.softmaxlab.normalize;

import io.github.softmaxlab.kernel.TwoPassSoftmax;
import io.github.softmaxlab.kernel.reference.TwoPassSoftmaxReference;

/**
 * {@link Softmax} computed with the two-pass algorithm of Dukhan &amp; Ablavatski ("The Two-Pass Softmax
 * Algorithm", arXiv 2001.04438, Algorithm 3): pass 1 sums {@code e^{x_i} = m_i·2^{n_i}} as a (mantissa, exponent)
 * pair (M, E) that cannot overflow, pass 2 writes {@code y_i = m_i·(1/M)·2^{n_i − E}}. Same function, same
 * gradient as {@link Softmax#standard()}, so the two can be swapped and compared: the float32 path runs
 * {@link TwoPassSoftmax}, the float64 path {@link TwoPassSoftmaxReference}.
 */
public final class TwoPassSoftmaxNormalizer extends Softmax {

    /** Softmax (T = 1) by the two-pass algorithm. */
    public TwoPassSoftmaxNormalizer() {
        this(1);
    }

    /** Softmax of {@code z / temperature} by the two-pass algorithm (the shift for T ≠ 1 costs a max pass). */
    public TwoPassSoftmaxNormalizer(double temperature) {
        super(temperature, Algorithm.TWO_PASS);
    }
}
