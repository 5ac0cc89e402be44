package io.github.softmaxlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Checks on rendered figures. */
final class Images {

    private Images() {
    }

    /** The image has the given size and enough distinct colours to be a drawn chart, not a blank canvas. */
    static void assertDrawn(BufferedImage img, int width, int height) {
        assertEquals(width, img.getWidth(), "width");
        assertEquals(height, img.getHeight(), "height");
        Set<Integer> colours = new HashSet<>();
        int nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                nonWhite += rgb == 0xffffff ? 0 : 1;
            }
        }
        assertTrue(colours.size() > 20, "only " + colours.size() + " colours: the chart looks blank");
        assertTrue(nonWhite > width * height / 4 / 50, "only " + nonWhite + " non-white pixels sampled");
    }

    /** Whether some pixel in the rectangle is close to the colour {@code rgb}. */
    static boolean contains(BufferedImage img, int rgb, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = img.getRGB(x, y);
                int d = Math.abs((p >> 16 & 255) - (rgb >> 16 & 255)) + Math.abs((p >> 8 & 255) - (rgb >> 8 & 255))
                        + Math.abs((p & 255) - (rgb & 255));
                if (d < 30) {
                    return true;
                }
            }
        }
        return false;
    }
}
