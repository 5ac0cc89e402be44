package io.github.softmaxlab.loss;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The sum of losses on the same logits, e.g. cross-entropy plus {@link PalmZLoss}: forward adds the terms' means,
 * backward adds their gradients. Each term validates the input itself.
 */
public final class LossSum implements Loss {

    private final List<Loss> terms;

    private LossSum(List<Loss> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("terms must not be empty");
        }
        this.terms = List.copyOf(terms);
    }

    /** {@code Σ terms}, at least one. */
    public static LossSum of(Loss... terms) {
        for (int i = 0; i < terms.length; i++) {
            Check.notNull("terms[" + i + "]", terms[i]);
        }
        return new LossSum(List.of(terms));
    }

    public List<Loss> terms() {
        return terms;
    }

    @Override
    public String name() {
        return String.join(" + ", terms.stream().map(Loss::name).toList());
    }

    @Override
    public double forward(float[] logits, int[] targets, Shape shape, Mask mask) {
        double sum = 0;
        for (Loss term : terms) {
            sum += term.forward(logits, targets, shape, mask);
        }
        return sum;
    }

    @Override
    public double forward(double[] logits, int[] targets, Shape shape, Mask mask) {
        double sum = 0;
        for (Loss term : terms) {
            sum += term.forward(logits, targets, shape, mask);
        }
        return sum;
    }

    @Override
    public void backward(float[] logits, int[] targets, float[] gradLogits, Shape shape, Mask mask) {
        terms.getFirst().backward(logits, targets, gradLogits, shape, mask);
        float[] part = new float[gradLogits.length];
        for (Loss term : terms.subList(1, terms.size())) {
            term.backward(logits, targets, part, shape, mask);
            for (int i = 0; i < part.length; i++) {
                gradLogits[i] += part[i];
            }
        }
    }

    @Override
    public void backward(double[] logits, int[] targets, double[] gradLogits, Shape shape, Mask mask) {
        terms.getFirst().backward(logits, targets, gradLogits, shape, mask);
        double[] part = new double[gradLogits.length];
        for (Loss term : terms.subList(1, terms.size())) {
            term.backward(logits, targets, part, shape, mask);
            for (int i = 0; i < part.length; i++) {
                gradLogits[i] += part[i];
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        terms.forEach(t -> all.addAll(t.parameters()));
        return all;
    }

    @Override
    public String toString() {
        return name();
    }
}
