package io.github.softmaxlab.classify;

import io.github.softmaxlab.core.Check;
import io.github.softmaxlab.data.LabeledData;
import java.util.Arrays;
import java.util.Random;

/**
 * N-way K-shot episodes: pick {@code ways} classes at random, then {@code shots} support and {@code queries} query
 * rows per class, relabelled {@code 0..ways-1} in the order the classes were picked.
 */
public final class FewShot {

    private FewShot() {
    }

    /** One episode as (support, query). */
    public static LabeledData.Split episode(LabeledData data, int ways, int shots, int queries, Random random) {
        Check.inRange("ways", ways, 1, data.classes());
        Check.positive("shots", shots);
        Check.positive("queries", queries);
        int[] classes = Arrays.copyOf(LabeledData.permutation(data.classes(), random), ways);
        int[] order = LabeledData.permutation(data.size(), random);
        int[] support = new int[ways * shots];
        int[] query = new int[ways * queries];
        int[] taken = new int[ways];
        for (int i : order) {
            int way = indexOf(classes, data.y()[i]);
            if (way < 0 || taken[way] >= shots + queries) {
                continue;
            }
            if (taken[way] < shots) {
                support[way * shots + taken[way]] = i;
            } else {
                query[way * queries + taken[way] - shots] = i;
            }
            taken[way]++;
        }
        for (int w = 0; w < ways; w++) {
            if (taken[w] < shots + queries) {
                throw new IllegalArgumentException("class " + classes[w] + " has " + taken[w]
                        + " rows, fewer than shots + queries = " + (shots + queries));
            }
        }
        return new LabeledData.Split(relabel(data.subset(support), classes), relabel(data.subset(query), classes));
    }

    private static LabeledData relabel(LabeledData part, int[] classes) {
        int[] y = new int[part.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = indexOf(classes, part.y()[i]);
        }
        return new LabeledData(part.name() + " episode", part.x(), y, part.features(), classes.length);
    }

    private static int indexOf(int[] values, int v) {
        for (int k = 0; k < values.length; k++) {
            if (values[k] == v) {
                return k;
            }
        }
        return -1;
    }
}
