package io.github.softmaxlab.notebook;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for long loops: step/total, percent, elapsed time, ETA and an optional metric (loss, tokens/s).
 * In a terminal it redraws one line in place; elsewhere (a notebook, a CI log) it prints a line at every 10%, so
 * saved notebooks stay short. Cheap enough to call every step: it draws at most 10 times a second.
 * <pre>{@code
 * var bar = Progress.start("training", steps);
 * for (int s = 0; s < steps; s++) { ...; bar.step("loss %.3f", loss); }
 * bar.done();
 * }</pre>
 */
public final class Progress {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean inPlace;
    private final long startNanos;
    private long count;
    private long lastDrawNanos;
    private int lastDecile;
    private String metric = "";

    Progress(String label, long total, PrintStream out, boolean inPlace, long startNanos) {
        if (total <= 0) {
            throw new IllegalArgumentException("total must be > 0, got " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.inPlace = inPlace;
        this.startNanos = startNanos;
    }

    /** Starts a bar on standard output; draws in place only when attached to a terminal. */
    public static Progress start(String label, long total) {
        return new Progress(label, total, System.out, System.console() != null && System.console().isTerminal(),
                System.nanoTime());
    }

    /** One step done. */
    public void step() {
        advance(1, System.nanoTime());
    }

    /** One step done, with a metric shown next to the bar, e.g. {@code step("loss %.3f", loss)}. */
    public void step(String format, Object... args) {
        metric = String.format(Locale.ROOT, format, args);
        advance(1, System.nanoTime());
    }

    void advance(long steps, long now) {
        count = Math.min(total, count + steps);
        int decile = (int) (count * 10 / total);
        if (inPlace) {
            if (now - lastDrawNanos >= REDRAW_NANOS || count == total) {
                lastDrawNanos = now;
                out.print("\r" + line(now));
                out.flush();
            }
        } else if (decile > lastDecile) {
            lastDecile = decile;
            out.println(line(now));
        }
    }

    /** Finishes the bar (prints the final state once if it was not printed yet). */
    public void done() {
        long now = System.nanoTime();
        if (inPlace) {
            out.println("\r" + line(now));
        } else if (lastDecile < 10) {
            out.println(line(now));
            lastDecile = 10;
        }
        out.flush();
    }

    /** Seconds since the start. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String line(long now) {
        double fraction = (double) count / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (now - startNanos) / 1e9;
        double eta = count == 0 ? Double.NaN : elapsed / count * (total - count);
        StringBuilder sb = new StringBuilder();
        sb.append(label).append(" [").append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        sb.append(count).append('/').append(total);
        sb.append(String.format(Locale.ROOT, " %3d%% %s", Math.round(fraction * 100), clock(elapsed)));
        if (count < total) {
            sb.append(" eta ").append(Double.isNaN(eta) ? "?" : clock(eta));
        }
        if (!metric.isEmpty()) {
            sb.append("  ").append(metric);
        }
        return sb.toString();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? String.format(Locale.ROOT, "%.1fs", seconds)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
