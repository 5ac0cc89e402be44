package io.github.softmaxlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookKitTest {

    /** A chart that rendered something has many distinct colours, not a blank canvas. */
    static void assertDrawn(BufferedImage img, int width, int height) {
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "only " + colours.size() + " colours: the chart looks blank");
    }

    @Test
    void lineChartsRenderWithSeriesBandsAndLogAxes(@TempDir Path dir) throws Exception {
        double[] x = {1, 10, 100, 1000};
        Plot p = Plot.line("time", "n", "ms").series("a", x, new double[] {1, 2, 4, 8})
                .dashed("theory", x, new double[] {1, 3, 5, 7}).band("b", x, new double[] {2, 3, 3, 4},
                        new double[] {0.1, 0.2, 0.2, 0.3}).logX().logY();
        assertDrawn(p.image(), 720, 420);
        Path file = p.save(dir.resolve("chart.png"));
        assertTrue(Files.size(file) > 5_000, "PNG too small");
        var e = assertThrows(IllegalArgumentException.class, () -> Plot.line("t", "x", "y").series("s",
                new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("2 points"), e.getMessage());
        assertDrawn(Plot.scatter("s", "x", "y").series("f", new float[] {1, 3, 2}).image(), 720, 420);
    }

    @Test
    void barsAndHeatmapsRender() {
        String[] cats = {"1e3", "1e4", "1e5"};
        assertDrawn(Bars.of("t", "n", "ns").group("a", cats, new double[] {1, 2, 3})
                .group("b", cats, new double[] {2, 1, 3}, new double[] {0.1, 0.1, 0.2}).image(), 720, 420);
        float[] att = new float[64];
        for (int i = 0; i < 64; i++) {
            att[i] = (i % 9) / 8f;
        }
        assertDrawn(Heatmap.of(att, 8, 8).title("attention").xLabel("key").yLabel("query").image(), 560, 480);
        assertThrows(IllegalArgumentException.class, () -> Heatmap.of(att, 7, 8));
    }

    @Test
    void progressPrintsTenLinesOutsideATerminalWithMetric() {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress bar = new Progress("train", 200, out, false, 0);
        for (int i = 0; i < 200; i++) {
            bar.step("loss %.2f", 1.0 / (i + 1));
        }
        bar.done();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(10, lines.length, String.join("\n", lines));
        assertTrue(lines[9].startsWith("train [########################] 200/200 100%"), lines[9]);
        assertTrue(lines[9].endsWith("loss 0.01"), lines[9]);
        assertTrue(lines[0].contains(" 20/200 ") && lines[0].contains("eta"), lines[0]);
        assertThrows(IllegalArgumentException.class, () -> Progress.start("x", 0));
    }

    @Test
    void progressRedrawsInPlaceInATerminal() {
        var bytes = new ByteArrayOutputStream();
        Progress bar = new Progress("x", 3, new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 0);
        bar.advance(1, 0);
        bar.advance(1, 1);
        bar.advance(1, 300_000_000L);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r") && !text.contains("\n"), text);
        assertTrue(text.contains("3/3 100%"), text);
        assertEquals("1m05s", Progress.clock(65));
    }

    @Test
    void tablesRenderAsTextMarkdownAndHtml() {
        Table t = Table.of("method", "accuracy").numbers("%.3f").row("softmax", 0.91234).row("a<b", 0.5);
        assertEquals("method   accuracy\n-------  --------\nsoftmax  0.912   \na<b      0.500   \n", t.text());
        assertTrue(t.markdown().startsWith("| method | accuracy |\n|---|---|\n| softmax | 0.912 |"));
        assertTrue(t.html().contains("<td>a&lt;b</td>"));
        assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
    }

    @Test
    void quickModeParsesTheVariable() {
        assertTrue(QuickMode.parse("1") && QuickMode.parse(" true ") && QuickMode.parse("YES"));
        assertFalse(QuickMode.parse(null) || QuickMode.parse("0") || QuickMode.parse(""));
        assertEquals(QuickMode.on() ? 5 : 50, QuickMode.pick(50, 5));
    }

    @Test
    void timingMeasuresSomethingPositiveAndRejectsZeroRuns() {
        double ns = Timing.medianNanosPerCall(() -> Math.sin(1.0), 3, 1);
        assertTrue(ns > 0 && ns < 1e6, "ns = " + ns);
        assertThrows(IllegalArgumentException.class, () -> Timing.medianNanos(() -> { }, 0, 0));
    }
}
