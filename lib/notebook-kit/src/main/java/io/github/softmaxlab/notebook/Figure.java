package io.github.softmaxlab.notebook;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * What every figure of the kit shares: a pixel size, rendering to a {@link BufferedImage} (which the Java kernel
 * shows inline with {@code display(image)}) and writing a PNG file. Rendering is headless: no window is opened,
 * and {@code java.awt.headless} is set to {@code true} unless the caller chose otherwise.
 *
 * @param <F> the concrete figure type, so that {@link #size} chains
 */
public abstract class Figure<F extends Figure<F>> {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private int width;
    private int height;

    Figure(int width, int height) {
        size(width, height);
    }

    /**
     * Sets the size of the rendered image.
     *
     * @param width  width in pixels, at least 100
     * @param height height in pixels, at least 80
     * @return this figure
     */
    public final F size(int width, int height) {
        if (width < 100 || height < 80) {
            throw new IllegalArgumentException("size must be at least 100 × 80 pixels, got " + width + " × " + height);
        }
        this.width = width;
        this.height = height;
        return self();
    }

    /** @return the width of the rendered image in pixels */
    public final int width() {
        return width;
    }

    /** @return the height of the rendered image in pixels */
    public final int height() {
        return height;
    }

    /**
     * Renders the figure.
     *
     * @return a new RGB image of {@link #width()} × {@link #height()} pixels
     */
    public final BufferedImage image() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            paint(g, width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Writes the figure as a PNG file, creating missing parent folders.
     *
     * @param file where to write; its name is used as given
     * @return {@code file}
     */
    public final Path savePng(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image(), "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available in this JDK");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PNG to " + file, e);
        }
    }

    /** Draws the figure on {@code g}, a white canvas of {@code width × height} pixels. */
    abstract void paint(Graphics2D g, int width, int height);

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }
}
