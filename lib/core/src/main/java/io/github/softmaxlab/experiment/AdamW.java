package io.github.softmaxlab.experiment;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.core.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), on the float32 values and gradients of
 * {@link Parameter}s: the small optimizer the experiments of this package need. Weight decay applies only to the
 * parameters passed as {@code decayed}; scalars such as SSMax's s are left undecayed, as is usual for gains.
 */
public final class AdamW {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double lr;
    private final double weightDecay;
    private final List<Parameter> params = new ArrayList<>();
    private final List<Boolean> decay = new ArrayList<>();
    private final List<double[]> m = new ArrayList<>();
    private final List<double[]> v = new ArrayList<>();
    private int t;

    public AdamW(double lr, double weightDecay) {
        Check.positiveFinite("lr", lr);
        Check.finite("weightDecay", weightDecay);
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    /** Adds parameters to optimise; {@code decayed} says whether weight decay applies to them. */
    public AdamW add(List<Parameter> parameters, boolean decayed) {
        for (Parameter p : parameters) {
            params.add(p);
            decay.add(decayed);
            m.add(new double[p.size()]);
            v.add(new double[p.size()]);
        }
        return this;
    }

    /** One update from the accumulated float32 gradients, which it then clears. */
    public void step() {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            double[] mk = m.get(k);
            double[] vk = v.get(k);
            for (int i = 0; i < p.size(); i++) {
                double g = p.grad[i];
                mk[i] = BETA1 * mk[i] + (1 - BETA1) * g;
                vk[i] = BETA2 * vk[i] + (1 - BETA2) * g * g;
                double update = lr * (mk[i] / c1) / (Math.sqrt(vk[i] / c2) + EPS);
                double decayed = decay.get(k) ? p.value[i] * (1 - lr * weightDecay) : p.value[i];
                p.value[i] = (float) (decayed - update);
            }
            p.zeroGrad();
            p.copyTo64();
        }
    }
}
