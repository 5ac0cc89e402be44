package io.github.softmaxlab.normalize;

import io.github.softmaxlab.kernel.OnlineSoftmax;
import io.github.softmaxlab.kernel.reference.OnlineSoftmaxReference;

/**
 * {@link Softmax} computed with the online normalizer of Milakov &amp; Gimelshein ("Online normalizer calculation
 * for softmax", arXiv 1805.02867, Algorithm 3): one pass keeps the running maximum m and the running normalizer
 * {@code d_j = d_{j−1}·e^{m_{j−1} − m_j} + e^{x_j − m_j}}, a second writes {@code y_i = e^{x_i − m}/d}. Same
 * function, same gradient as {@link Softmax#standard()}, so the two can be swapped and compared: the float32 path
 * runs {@link OnlineSoftmax}, the float64 path {@link OnlineSoftmaxReference}.
 */
public final class OnlineSoftmaxNormalizer extends Softmax {

    /** Softmax (T = 1) by the online algorithm. */
    public OnlineSoftmaxNormalizer() {
        this(1);
    }

    /** Softmax of {@code z / temperature} by the online algorithm (the shift for T ≠ 1 costs a max pass). */
    public OnlineSoftmaxNormalizer(double temperature) {
        super(temperature, Algorithm.ONLINE);
    }
}
