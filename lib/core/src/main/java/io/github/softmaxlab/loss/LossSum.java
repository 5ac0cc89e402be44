package io.github.softmaxlab.loss;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Parameter;
import io.github.softmaxlab.core.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;

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
        return sum(term -> term.forward(logits, targets, shape, mask));
    }

    @Override
    public double forward(double[] logits, int[] targets, Shape shape, Mask mask) {
        return sum(term -> term.forward(logits, targets, shape, mask));
    }

    @Override
    public void backward(float[] logits, int[] targets, float[] gradLogits, Shape shape, Mask mask) {
        float[] part = new float[gradLogits.length];
        accumulate(gradLogits.length, (term, first) -> term.backward(logits, targets, first ? gradLogits : part,
                shape, mask), i -> gradLogits[i] += part[i]);
    }

    @Override
    public void backward(double[] logits, int[] targets, double[] gradLogits, Shape shape, Mask mask) {
        double[] part = new double[gradLogits.length];
        accumulate(gradLogits.length, (term, first) -> term.backward(logits, targets, first ? gradLogits : part,
                shape, mask), i -> gradLogits[i] += part[i]);
    }

    private double sum(ToDoubleFunction<Loss> forward) {
        double total = 0;
        for (Loss term : terms) {
            total += forward.applyAsDouble(term);
        }
        return total;
    }

    /** The first term writes the gradient; each later one writes a scratch part that {@code addPart} adds in. */
    private void accumulate(int size, BiConsumer<Loss, Boolean> backward, IntConsumer addPart) {
        for (int k = 0; k < terms.size(); k++) {
            backward.accept(terms.get(k), k == 0);
            for (int i = 0; k > 0 && i < size; i++) {
                addPart.accept(i);
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
