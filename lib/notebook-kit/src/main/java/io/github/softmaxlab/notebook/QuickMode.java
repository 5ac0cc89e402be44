package io.github.softmaxlab.notebook;

/**
 * Quick mode: fewer steps and less data, for the test suite. {@code ./lab test} sets {@code SOFTMAXLAB_QUICK=1};
 * committed notebook outputs come from the full settings. A notebook writes
 * {@code int steps = QuickMode.pick(2000, 100);} and runs either way.
 */
public final class QuickMode {

    /** The environment variable that turns quick mode on when set to 1 (or true/yes). */
    public static final String VARIABLE = "SOFTMAXLAB_QUICK";

    private QuickMode() {
    }

    /** Whether quick mode is on. */
    public static boolean on() {
        return parse(System.getenv(VARIABLE));
    }

    static boolean parse(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }

    /** {@code full} normally, {@code quick} in quick mode. */
    public static int pick(int full, int quick) {
        return on() ? quick : full;
    }

    /** {@code full} normally, {@code quick} in quick mode. */
    public static long pick(long full, long quick) {
        return on() ? quick : full;
    }

    /** {@code full} normally, {@code quick} in quick mode. */
    public static double pick(double full, double quick) {
        return on() ? quick : full;
    }

    /** {@code full} normally, {@code quick} in quick mode. */
    public static int[] pick(int[] full, int[] quick) {
        return on() ? quick : full;
    }

    /** One line for the top of a notebook: which mode runs. */
    public static String describe() {
        return on() ? "quick mode (" + VARIABLE + "=1): small settings for tests"
                : "full settings (set " + VARIABLE + "=1 for a quick run)";
    }
}
