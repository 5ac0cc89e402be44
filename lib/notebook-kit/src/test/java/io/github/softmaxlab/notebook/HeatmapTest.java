package io.github.softmaxlab.notebook;

import static io.github.softmaxlab.notebook.Images.assertDrawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class HeatmapTest {

    static float[] causal(int t) {
        float[] w = new float[t * t];
        for (int q = 0; q < t; q++) {
            for (int k = 0; k < t; k++) {
                w[q * t + k] = k <= q ? 1f / (q + 1) : Float.NEGATIVE_INFINITY;
            }
        }
        return w;
    }

    @Test
    void smallMapWithLabelsMaskAndValuesRenders() {
        String[] tokens = {"the", "cat", "sat", "on", "the", "mat"};
        BufferedImage img = Heatmap.of(causal(6), 6, 6).title("causal attention").xLabel("key").yLabel("query")
                .labels(tokens, tokens).image();
        assertDrawn(img, 600, 500);
        assertTrue(Images.contains(img, 0xd4d4d4, 0, 0, 600, 500), "masked cells are grey");
        assertTrue(Images.contains(img, 0x08306b, 0, 0, 600, 500), "the maximum gets the darkest blue");
    }

    @Test
    void largeMapsWithLongLabelsAndBothSignsRender() {
        int n = 64;
        double[][] m = new double[n][n];
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "token number " + i;
            for (int j = 0; j < n; j++) {
                m[i][j] = Math.sin(i / 7.0) * Math.cos(j / 5.0);
            }
        }
        BufferedImage img = Heatmap.of(m).labels(names, null).size(700, 600).image();
        assertDrawn(img, 700, 600);
        assertTrue(Images.contains(img, 0xb2182b, 0, 0, 700, 600), "positive end is red");
        assertTrue(Images.contains(img, 0x2166ac, 0, 0, 700, 600), "negative end is blue");
    }

    @Test
    void badShapesAreRejectedWithTheNumbers() {
        var e = assertThrows(IllegalArgumentException.class, () -> Heatmap.of(new float[12], 5, 2));
        assertEquals("values has 12 entries, not rows × cols = 5 × 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Heatmap.of(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Heatmap.of(new double[4], 2, 2).labels(new String[3],
                null));
        assertThrows(IllegalArgumentException.class, () -> Heatmap.of(new double[4], 2, 2).range(1, 1));
    }

    @Test
    void colourScaleIsSequentialForOneSignAndCentredForBoth() {
        ColorScale seq = ColorScale.of(0, 1);
        assertEquals(new Color(0xf7fbff), seq.colour(0));
        assertEquals(new Color(0x08306b), seq.colour(1));
        assertEquals(new Color(0x08306b), seq.colour(7), "clamped");
        ColorScale div = ColorScale.of(-1, 3);
        assertEquals(-3, div.lo());
        assertEquals(new Color(0xf7f7f7), div.colour(0));
        assertEquals(java.util.List.of(-2.0, 0.0, 2.0), div.ticks());
        assertTrue(ColorScale.isDark(new Color(0x08306b)));
        assertFalse(ColorScale.isDark(new Color(0xf7fbff)));
    }
}
