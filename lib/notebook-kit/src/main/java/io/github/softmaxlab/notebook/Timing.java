package io.github.softmaxlab.notebook;

import java.util.Arrays;

/**
 * Wall-clock timing for notebook charts: warm-up runs (so the JIT has compiled the code), then the median of
 * several timed runs. This is for pictures of trends on this machine; the numbers quoted in the README come from
 * the JMH benchmarks in {@code bench/}, which control forks, warm-up and dead-code elimination properly.
 */
public final class Timing {

    private Timing() {
    }

    /** Median nanoseconds of one call of {@code work}, after {@code warmups} untimed calls. */
    public static double medianNanos(Runnable work, int warmups, int runs) {
        if (runs <= 0) {
            throw new IllegalArgumentException("runs must be > 0, got " + runs);
        }
        for (int i = 0; i < warmups; i++) {
            work.run();
        }
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return runs % 2 == 1 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2.0;
    }

    /**
     * Median nanoseconds of {@code work}, repeating it within each timed run until the run lasts at least
     * {@code minMillis}, so that tiny inputs are not lost in timer resolution.
     */
    public static double medianNanosPerCall(Runnable work, int runs, double minMillis) {
        int reps = 1;
        while (true) {
            long start = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                work.run();
            }
            if ((System.nanoTime() - start) / 1e6 >= minMillis || reps >= 1 << 24) {
                break;
            }
            reps *= 2;
        }
        final int repeats = reps;
        return medianNanos(() -> {
            for (int i = 0; i < repeats; i++) {
                work.run();
            }
        }, 1, runs) / repeats;
    }
}
