package io.github.softmaxlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.normalize.Normalizer;
import io.github.softmaxlab.normalize.RSoftmax;
import io.github.softmaxlab.normalize.Sparsemax;
import org.junit.jupiter.api.Test;

/**
 * The toy multi-label task is well formed and learnable: training lifts sparsemax's F1 far above an untrained
 * model's. r-softmax learns far less under the squared-error loss (notebook 07 explains why), so for it we only ask
 * that training helps.
 */
class MultiLabelToyTest {

    @Test
    void targetsAreDistributionsOverOneToMaxPositives() {
        MultiLabelToy.Data data = MultiLabelToy.trainTest(200, 10, 8, 20, 5, 0.1, 1)[0];
        for (int e = 0; e < data.n(); e++) {
            double sum = 0;
            int positives = 0;
            for (int l = 0; l < 20; l++) {
                sum += data.y()[e * 20 + l];
                positives += data.y()[e * 20 + l] > 0 ? 1 : 0;
            }
            assertEquals(1, sum, 1e-12);
            assertTrue(positives >= 1 && positives <= 5);
        }
    }

    @Test
    void trainingLearnsTheLabelSets() {
        MultiLabelToy.Data[] sets = MultiLabelToy.trainTest(600, 300, 16, 20, 5, 0.05, 2);
        double[] minimumGain = {0.4, 0.05};
        Normalizer[] normalizers = {new Sparsemax(), new RSoftmax(0.8)};
        for (int k = 0; k < normalizers.length; k++) {
            Normalizer f = normalizers[k];
            var untrained = MultiLabelToy.train(f, sets[0], 0, 50, 0.5, 3);
            var trained = MultiLabelToy.train(f, sets[0], 30, 50, 0.5, 3);
            double before = MultiLabelToy.f1(f, untrained, sets[1], 0);
            double after = MultiLabelToy.f1(f, trained, sets[1], 0);
            assertTrue(after > before + minimumGain[k], f.name() + ": F1 " + before + " -> " + after);
        }
    }
}
