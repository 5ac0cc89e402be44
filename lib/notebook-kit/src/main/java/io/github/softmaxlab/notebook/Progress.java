package io.github.softmaxlab.notebook;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A progress bar for long loops: step/total, percent, elapsed time, ETA and an optional metric (loss, tokens/s).
 * In a terminal it redraws one line in place with a carriage return, at most ten times a second. Elsewhere (a
 * notebook, a CI log, a pipe) it prints a new line at every 10%, so saved notebooks stay short. A step costs a
 * counter update and a clock read; the metric is formatted only when a line is drawn.
 * <pre>{@code
 * var bar = Progress.start("training", steps);
 * for (int s = 0; s < steps; s++) { ...; bar.step("loss %.3f", loss); }
 * bar.done();
 * }</pre>
 */
public final class Progress {

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean inPlace;
    private final LongSupplier clock;
    private final long startNanos;
    private long count;
    private long nextLineAt;
    private long lastDrawNanos;
    private boolean finished;
    private String metricFormat;
    private Object[] metricArgs;

    Progress(String label, long total, PrintStream out, boolean inPlace, LongSupplier clock) {
        if (total <= 0) {
            throw new IllegalArgumentException("total must be > 0, got " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.inPlace = inPlace;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
        this.nextLineAt = tenth(1);
    }

    /**
     * Starts a bar on standard output. It redraws in place only when standard output is a terminal.
     *
     * @param label what is running, shown first on the line
     * @param total the number of steps expected, &gt; 0
     * @return the bar, at step 0 (nothing is printed yet)
     */
    public static Progress start(String label, long total) {
        var console = System.console();
        return new Progress(label, total, System.out, console != null && console.isTerminal(), System::nanoTime);
    }

    /** Records one finished step. */
    public void step() {
        advance(1);
    }

    /**
     * Records one finished step and sets the metric shown after the bar, e.g. {@code step("loss %.3f", loss)}.
     * The text is formatted only when a line is drawn.
     *
     * @param format a {@link String#format} pattern
     * @param args   its arguments
     */
    public void step(String format, Object... args) {
        metricFormat = format;
        metricArgs = args;
        advance(1);
    }

    /**
     * Records several finished steps at once, e.g. the tokens of a batch.
     *
     * @param steps the number of steps, ≥ 0
     */
    public void advance(long steps) {
        count = Math.min(total, count + steps);
        if (inPlace) {
            long now = clock.getAsLong();
            if (now - lastDrawNanos >= REDRAW_NANOS || count == total) {
                lastDrawNanos = now;
                out.print("\r" + line(now));
                out.flush();
            }
        } else if (count >= nextLineAt) {
            out.println(line(clock.getAsLong()));
            nextLineAt = count >= total ? Long.MAX_VALUE : tenth((int) (count * 10 / total) + 1);
            finished = count == total;
        }
    }

    /** Ends the bar: prints its final state unless that line is already printed, and ends the line. */
    public void done() {
        if (inPlace) {
            out.println("\r" + line(clock.getAsLong()));
        } else if (!finished) {
            out.println(line(clock.getAsLong()));
            finished = true;
        }
        out.flush();
    }

    /** @return seconds since the bar started */
    public double elapsedSeconds() {
        return (clock.getAsLong() - startNanos) / 1e9;
    }

    /** The current state as one line, e.g. {@code train [######......] 50/200  25% 1.2s eta 3.6s  loss 0.41}. */
    String line(long now) {
        double fraction = (double) count / total;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        double elapsed = (now - startNanos) / 1e9;
        StringBuilder sb = new StringBuilder(96);
        sb.append(label).append(" [").append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        sb.append(count).append('/').append(total);
        sb.append(Text.format(" %3d%% %s", (int) Math.floor(fraction * 100), clock(elapsed)));
        if (count < total) {
            sb.append(" eta ").append(count == 0 ? "?" : clock(elapsed / count * (total - count)));
        }
        if (metricFormat != null) {
            sb.append("  ").append(Text.format(metricFormat, metricArgs));
        }
        return sb.toString();
    }

    /** Seconds as {@code 4.2s}, {@code 3m05s} or {@code 2h07m}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return Text.format("%.1fs", seconds);
        }
        return s < 3600 ? Text.format("%dm%02ds", s / 60, s % 60) : Text.format("%dh%02dm", s / 3600, s / 60 % 60);
    }

    /** The step count at which the k-th tenth is reached. */
    private long tenth(int k) {
        return Math.max(1, (total * k + 9) / 10);
    }
}
