package io.github.softmaxlab.normalize;

import io.github.softmaxlab.core.Mask;
import io.github.softmaxlab.core.Shape;
import java.util.function.IntToDoubleFunction;

/**
 * Validation at the public boundary of the normalizers, done once per call, before anything is written.
 * Only visible entries are checked: a masked entry is never read, so padding may hold anything.
 */
public final class ScoreCheck {

    private ScoreCheck() {
    }

    /**
     * Shape and mask fit, and every array has {@code shape.size()} entries; {@code names[k]} names the array whose
     * length is {@code lengths[k]} in the message.
     */
    public static void shapes(Shape shape, Mask mask, String[] names, int[] lengths) {
        if (shape == null || mask == null) {
            throw new IllegalArgumentException((shape == null ? "shape" : "mask")
                    + " must not be null (use Mask.NONE for no mask)");
        }
        mask.validate(shape);
        for (int k = 0; k < names.length; k++) {
            shape.requireSize(names[k], lengths[k]);
        }
    }

    /** No visible entry is NaN or +∞ (−∞ is allowed and means weight 0). */
    public static void scores(String name, float[] scores, Shape shape, Mask mask) {
        scores(name, i -> scores[i], shape, mask);
    }

    /** Float64 twin of {@link #scores(String, float[], Shape, Mask)}. */
    public static void scores(String name, double[] scores, Shape shape, Mask mask) {
        scores(name, i -> scores[i], shape, mask);
    }

    private static void scores(String name, IntToDoubleFunction at, Shape shape, Mask mask) {
        for (int r = 0; r < shape.rows(); r++) {
            int off = shape.offset(r);
            for (int c = 0; c < shape.cols(); c++) {
                double v = at.applyAsDouble(off + c);
                if ((Double.isNaN(v) || v == Double.POSITIVE_INFINITY) && mask.isVisible(shape, r, c)) {
                    throw bad(name, r, c, v);
                }
            }
        }
    }

    private static IllegalArgumentException bad(String name, int row, int col, double v) {
        return new IllegalArgumentException(name + "[row " + row + ", col " + col + "] is " + v
                + "; scores must be finite or −∞ (−∞ means weight 0). Mask the entry instead if it is padding.");
    }
}
