package io.github.softmaxlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    /** A fake clock in nanoseconds. */
    private final AtomicLong now = new AtomicLong();

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void outsideATerminalItPrintsOneLineEveryTenPercentWithMetricAndEta() {
        Progress bar = new Progress("train", 200, out, false, now::get);
        for (int i = 0; i < 200; i++) {
            now.addAndGet(50_000_000L);
            bar.step("loss %.2f", 1.0 / (i + 1));
        }
        bar.done();
        String[] lines = printed().split("\n");
        assertEquals(10, lines.length, printed());
        assertEquals("train [##......................] 20/200  10% 1.0s eta 9.0s  loss 0.05", lines[0]);
        assertEquals("train [########################] 200/200 100% 10.0s  loss 0.01", lines[9]);
    }

    @Test
    void doneAfterAnEarlyStopPrintsTheLastState() {
        Progress bar = new Progress("x", 1000, out, false, now::get);
        bar.advance(5);
        bar.done();
        bar.done();
        assertEquals("x [........................] 5/1000   0% 0.0s eta 0.0s\n", printed());
    }

    @Test
    void inATerminalItRedrawsInPlaceAtMostTenTimesASecond() {
        Progress bar = new Progress("x", 3, out, true, now::get);
        bar.step();
        now.set(1);
        bar.step();
        now.set(300_000_000L);
        bar.step();
        String text = printed();
        assertEquals(2, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.startsWith("\rx [########................] 1/3  33% 0.0s eta 0.0s"), text);
        assertTrue(text.endsWith("3/3 100% 0.3s") && !text.contains("\n"), text);
        bar.done();
        assertTrue(printed().endsWith("\n"));
    }

    @Test
    void clockAndArguments() {
        assertEquals("4.2s", Progress.clock(4.21));
        assertEquals("1m05s", Progress.clock(65));
        assertEquals("2h07m", Progress.clock(2 * 3600 + 7 * 60 + 3));
        assertThrows(IllegalArgumentException.class, () -> Progress.start("x", 0));
        assertTrue(Progress.start("x", 1).elapsedSeconds() >= 0);
    }
}
