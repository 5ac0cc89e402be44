package io.github.softmaxlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DigitsTest {

    @Test
    void loadsAllRowsWithScaledPixelsAndEveryClass() {
        LabeledData d = Digits.load();
        assertEquals(1797, d.size());
        assertEquals(64, d.features());
        for (float v : d.x()) {
            assertTrue(v >= 0 && v <= 1, "pixel outside [0, 1]: " + v);
        }
        // The UCI test set has 174..183 images per class.
        for (int count : d.classCounts()) {
            assertTrue(count >= 174 && count <= 183, "class count " + count);
        }
        // First row of the file, as published: 0,0,5,13,9,1,0,0,... label 0.
        assertEquals(0, d.y()[0]);
        assertEquals(5 / 16f, d.x()[2]);
        assertEquals(13 / 16f, d.x()[3]);
    }

    @Test
    void splitIsDisjointCompleteAndReproducible() {
        LabeledData d = Digits.load();
        var a = d.split(0.8, 7);
        var b = d.split(0.8, 7);
        assertEquals(1438, a.train().size());
        assertEquals(1797, a.train().size() + a.test().size());
        assertTrue(Arrays.equals(a.train().y(), b.train().y()) && Arrays.equals(a.test().x(), b.test().x()));
        int[] counts = new int[10];
        for (int label : a.train().y()) {
            counts[label]++;
        }
        for (int label : a.test().y()) {
            counts[label]++;
        }
        assertTrue(Arrays.equals(counts, d.classCounts()));
    }

    @Test
    void rejectsBadArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> Digits.load().split(1.5, 1));
        assertTrue(e.getMessage().contains("trainFraction") && e.getMessage().contains("1.5"));
        var f = assertThrows(IllegalArgumentException.class,
                () -> new LabeledData("bad", new float[4], new int[] {0, 3}, 2, 3));
        assertTrue(f.getMessage().contains("y[1] = 3"), f.getMessage());
    }
}
