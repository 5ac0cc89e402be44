package io.github.softmaxlab.classify;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain SGD with heavy-ball momentum and L2 weight decay, on the float32 values of {@link Parameter}s:
 * <pre>
 *   g ← grad + weightDecay · w,    v ← momentum · v + g,    w ← w − learningRate · v.
 * </pre>
 * (PyTorch's form without dampening.) Momentum 0 is plain SGD. The step clears the gradients it used, so the next
 * backward starts from zero. Enough for the notebooks' small classifiers; the optimisers for the transformer come
 * with it.
 */
public final class Sgd {

    private final double learningRate;
    private final double momentum;
    private final double weightDecay;
    private final Map<Parameter, float[]> velocity = new IdentityHashMap<>();

    public Sgd(double learningRate, double momentum, double weightDecay) {
        Check.positiveFinite("learningRate", learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + weightDecay);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** One step on every parameter, then zeroes their gradients. */
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            float[] v = velocity.computeIfAbsent(p, k -> new float[k.size()]);
            for (int i = 0; i < p.size(); i++) {
                float g = (float) (p.grad[i] + weightDecay * p.value[i]);
                v[i] = (float) (momentum * v[i] + g);
                p.value[i] -= (float) (learningRate * v[i]);
            }
            p.zeroGrad();
            p.copyTo64();
        }
    }

    public double learningRate() {
        return learningRate;
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + learningRate + ", momentum=" + momentum + ", weightDecay=" + weightDecay + ")";
    }
}
