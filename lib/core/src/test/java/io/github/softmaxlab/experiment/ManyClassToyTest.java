package io.github.softmaxlab.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.loss.SparseSoftmaxLoss;
import org.junit.jupiter.api.Test;

/** The many-class toy is learnable with the sparse-softmax loss: accuracy far above chance (1/50). */
class ManyClassToyTest {

    @Test
    void sparseSoftmaxLossLearnsTheClasses() {
        ManyClassToy.Data[] sets = ManyClassToy.trainTest(2000, 500, 16, 50, 0.3, 1);
        var model = ManyClassToy.train(SparseSoftmaxLoss.of(5), sets[0], 10, 50, 0.1, 2);
        double accuracy = ManyClassToy.accuracy(model, sets[1]);
        assertTrue(accuracy > 0.8, "accuracy " + accuracy);
    }
}
