package io.github.softmaxlab.notebook;

import static io.github.softmaxlab.notebook.Images.assertDrawn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {

    private static final double[] X = {1, 10, 100, 1000, 10000};

    @Test
    void lineChartWithEveryKindOfSeriesRendersAndSavesAPng(@TempDir Path dir) throws Exception {
        Plot p = Plot.line("time", "n", "ms").series("double", X, new double[] {1, 2, 4, 8, 16})
                .series("float", new float[] {1, 10, 100, 1000, 10000}, new float[] {2, 3, 5, 9, 17})
                .series("list", List.of(1, 10, 100, 1000, 10000), List.of(3, 4.5, 6, 10, 18))
                .points("points", X, new double[] {1.5, 2.5, 3.5, 4.5, 5.5})
                .dashed("model", X, new double[] {1, 3, 5, 7, 9}).logX().logY();
        assertDrawn(p.image(), 720, 420);
        Path file = p.savePng(dir.resolve("sub/chart.png"));
        assertEquals(dir.resolve("sub/chart.png"), file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(720, back.getWidth());
        assertTrue(Files.size(file) > 5_000, "PNG too small");
    }

    @Test
    void sizeChangesTheRenderedImage() {
        assertDrawn(Plot.line("t", "x", "y").series("y", new double[] {1, 3, 2}).size(400, 300).image(), 400, 300);
        assertThrows(IllegalArgumentException.class, () -> Plot.line("t", "x", "y").size(10, 10));
    }

    @Test
    void bandShadesMeanPlusMinusStdInTheSeriesColour() {
        double[][] runs = {{1, 2, 3, 4, 5}, {3, 4, 5, 6, 7}};
        BufferedImage img = Plot.line("seeds", "step", "loss").band("model", X, runs).logX().image();
        assertDrawn(img, 720, 420);
        // the band is the first colour (0x1f77b4) at alpha 60 over white: about (200, 220, 238)
        assertTrue(Images.contains(img, 0xc8dced, 100, 60, 600, 380), "no shaded band found");
    }

    @Test
    void scatterDrawsMarkers() {
        BufferedImage img = Plot.scatter("s", "x", "y").series("f", new float[] {1, 3, 2}).image();
        assertDrawn(img, 720, 420);
        assertTrue(Images.contains(img, 0x1f77b4, 60, 40, 640, 380), "no marker in the series colour");
    }

    @Test
    void mismatchedLengthsNameTheSeriesAndTheLengths() {
        var e = assertThrows(IllegalArgumentException.class, () -> Plot.line("t", "x", "y").series("s",
                new double[] {1, 2}, new double[] {1}));
        assertEquals("series 's': x and y must have the same length, got 2, 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plot.line("t", "x", "y").band("b", X, new double[][] {
            {1, 2}}));
    }

    @Test
    void groupedBarsRenderWithAndWithoutErrorBars() {
        Bars bars = Plot.bars("forgetting", "task", "accuracy drop", "A", "B", "C").series("softmax", 0.3, 0.2, 0.1)
                .series("SSMax", new double[] {0.2, 0.1, 0.05}, new double[] {0.02, 0.01, 0.01})
                .series("list", List.of(0.1f, 0.2f, 0.3f));
        assertDrawn(bars.image(), 720, 420);
        assertThrows(IllegalArgumentException.class, () -> Plot.bars("t", "x", "y", "A", "B").series("s", 1));
    }

    @Test
    void numbersAreShortLabels() {
        assertArrayEquals(new String[] {"0", "1", "0.5", "0.125", "123", "1e4", "2.5e-5", "−∞", "NaN", "-1e6"},
                List.of(0.0, 1.0, 0.5, 0.125, 123.4, 1e4, 2.5e-5, Double.NEGATIVE_INFINITY, Double.NaN, -999999.9)
                        .stream().map(Text::number).toArray(String[]::new));
    }
}
