package io.github.softmaxlab.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.softmaxlab.data.Digits;
import io.github.softmaxlab.data.LabeledData;
import io.github.softmaxlab.normalize.LogisticSoftmax;
import io.github.softmaxlab.normalize.Normalizer;
import io.github.softmaxlab.normalize.Softmax;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Few-shot episodes are well formed, and the linear classifier learns them under softmax and logistic-softmax. */
class LikelihoodClassifierTest {

    @Test
    void episodesHaveTheRightSizesAndRelabelledClasses() {
        LabeledData digits = Digits.load();
        var e = FewShot.episode(digits, 5, 3, 7, new Random(1));
        assertEquals(15, e.train().size());
        assertEquals(35, e.test().size());
        assertEquals(5, e.train().classes());
        for (int c = 0; c < 5; c++) {
            assertEquals(3, e.train().classCounts()[c]);
            assertEquals(7, e.test().classCounts()[c]);
        }
    }

    @Test
    void learnsAFiveWayFiveShotEpisodeUnderBothLikelihoods() {
        LabeledData digits = Digits.load();
        var e = FewShot.episode(digits, 5, 5, 20, new Random(2));
        for (Normalizer f : new Normalizer[] {Softmax.standard(), LogisticSoftmax.standard()}) {
            LikelihoodClassifier model = LikelihoodClassifier.fit(e.train(), f, 200, 1.0, 1e-3);
            Calibration c = Calibration.of(model.probabilities(e.test(), f), e.test().y(), 5, 10);
            assertTrue(c.meanAccuracy() > 0.8, f.name() + " accuracy " + c.meanAccuracy());
            Calibration train = Calibration.of(model.probabilities(e.train(), f), e.train().y(), 5, 10);
            assertEquals(1.0, train.meanAccuracy(), 0.0, f.name() + " fits its 25 support examples");
        }
    }
}
