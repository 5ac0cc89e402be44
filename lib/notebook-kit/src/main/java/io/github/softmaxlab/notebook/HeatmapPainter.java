package io.github.softmaxlab.notebook;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.List;

/** Lays out and draws one {@link Heatmap}: title, cells, row and column labels, axis titles, colour bar. */
final class HeatmapPainter {

    private static final int PAD = 12;
    private static final int GAP = 6;
    private static final int BAR_WIDTH = 16;
    private static final Color MASKED = new Color(0xd4d4d4);

    private final Heatmap map;
    private final Graphics2D g;
    private final int width;
    private final int height;
    private final int rows;
    private final int cols;
    private final ColorScale scale;
    private final boolean anyMasked;

    HeatmapPainter(Heatmap map, Graphics2D g, int width, int height) {
        this.map = map;
        this.g = g;
        this.width = width;
        this.height = height;
        this.rows = map.values.length;
        this.cols = map.values[0].length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean masked = false;
        for (double[] row : map.values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                } else {
                    masked = true;
                }
            }
        }
        if (!Double.isNaN(map.min)) {
            lo = map.min;
            hi = map.max;
        } else if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo > 0 && lo <= 0.25 * hi) {
            lo = 0;   // weights and probabilities: start the scale at zero
        }
        this.scale = ColorScale.of(lo, hi);
        this.anyMasked = masked;
    }

    void paint() {
        FontMetrics title = g.getFontMetrics(Charts.TITLE_FONT);
        FontMetrics axis = g.getFontMetrics(Charts.AXIS_TITLE_FONT);
        FontMetrics tick = g.getFontMetrics(Charts.TICK_FONT);
        List<Double> barTicks = scale.ticks();
        int barLabelWidth = 0;
        for (double t : barTicks) {
            barLabelWidth = Math.max(barLabelWidth, tick.stringWidth(format(t)));
        }
        if (anyMasked) {
            barLabelWidth = Math.max(barLabelWidth, tick.stringWidth("masked") - BAR_WIDTH);
        }
        int rowLabelWidth = 0;
        for (int r = 0; r < rows; r++) {
            rowLabelWidth = Math.max(rowLabelWidth, tick.stringWidth(rowLabel(r)));
        }
        int colLabelWidth = 0;
        for (int c = 0; c < cols; c++) {
            colLabelWidth = Math.max(colLabelWidth, tick.stringWidth(colLabel(c)));
        }

        int top = PAD + (map.title.isEmpty() ? 0 : title.getHeight() + GAP);
        int left = PAD + (map.yLabel.isEmpty() ? 0 : axis.getHeight() + GAP) + rowLabelWidth + GAP;
        int right = PAD + barLabelWidth + GAP + BAR_WIDTH + 2 * GAP;
        int availW = width - left - right;
        boolean vertical = colLabelWidth > availW / cols - 4;
        int colBlock = GAP + (vertical ? colLabelWidth : tick.getHeight());
        int bottom = PAD + (map.xLabel.isEmpty() ? 0 : axis.getHeight() + GAP) + colBlock;
        int availH = height - top - bottom;
        double cellW = (double) availW / cols;
        double cellH = (double) availH / rows;
        if (cellW < 3 * cellH && cellH < 3 * cellW) {
            cellW = Math.min(cellW, cellH);
            cellH = cellW;
        }
        int gridW = (int) Math.round(cellW * cols);
        int gridH = (int) Math.round(cellH * rows);
        int x0 = left + (availW - gridW) / 2;
        int y0 = top + (availH - gridH) / 2;

        drawCells(x0, y0, cellW, cellH);
        g.setColor(Charts.GRID.darker());
        g.drawRect(x0, y0, gridW, gridH);
        drawRowLabels(tick, x0, y0, cellH);
        drawColumnLabels(tick, x0, y0 + gridH, cellW, vertical);
        drawColourBar(tick, barTicks, x0 + gridW + 2 * GAP, y0, gridH);

        g.setColor(Charts.TEXT);
        if (!map.title.isEmpty()) {
            g.setFont(Charts.TITLE_FONT);
            g.drawString(map.title, x0 + (gridW - title.stringWidth(map.title)) / 2, y0 - GAP - title.getDescent());
        }
        g.setFont(Charts.AXIS_TITLE_FONT);
        if (!map.xLabel.isEmpty()) {
            g.drawString(map.xLabel, x0 + (gridW - axis.stringWidth(map.xLabel)) / 2,
                    y0 + gridH + colBlock + GAP + axis.getAscent());
        }
        if (!map.yLabel.isEmpty()) {
            drawVertical(map.yLabel, x0 - rowLabelWidth - 2 * GAP - axis.getDescent(),
                    y0 + (gridH + axis.stringWidth(map.yLabel)) / 2);
        }
    }

    private void drawCells(int x0, int y0, double cellW, double cellH) {
        Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.clamp(cellH * 0.38, 7, 13));
        FontMetrics fm = g.getFontMetrics(valueFont);
        boolean values = showValues(fm, cellW, cellH);
        boolean lines = cellW >= 8 && cellH >= 8;
        g.setFont(valueFont);
        for (int r = 0; r < rows; r++) {
            int y = y0 + (int) Math.round(r * cellH);
            int h = y0 + (int) Math.round((r + 1) * cellH) - y;
            for (int c = 0; c < cols; c++) {
                int x = x0 + (int) Math.round(c * cellW);
                int w = x0 + (int) Math.round((c + 1) * cellW) - x;
                double v = map.values[r][c];
                Color fill = Double.isFinite(v) ? scale.colour(v) : MASKED;
                g.setColor(fill);
                g.fillRect(x, y, w, h);
                if (lines) {
                    g.setColor(Color.WHITE);
                    g.drawRect(x, y, w, h);
                }
                if (values) {
                    String s = format(v);
                    g.setColor(ColorScale.isDark(fill) ? Color.WHITE : Charts.TEXT);
                    g.drawString(s, x + (w - fm.stringWidth(s)) / 2, y + (h + fm.getAscent() - fm.getDescent()) / 2);
                }
            }
        }
    }

    private boolean showValues(FontMetrics fm, double cellW, double cellH) {
        if (map.showValues != null) {
            return map.showValues;
        }
        if (rows * cols > 400 || cellH < fm.getHeight()) {
            return false;
        }
        for (double[] row : map.values) {
            for (double v : row) {
                if (fm.stringWidth(format(v)) > cellW - 4) {
                    return false;
                }
            }
        }
        return true;
    }

    private void drawRowLabels(FontMetrics fm, int x0, int y0, double cellH) {
        g.setFont(Charts.TICK_FONT);
        g.setColor(Charts.TEXT);
        int step = every(fm.getHeight(), cellH);
        for (int r = 0; r < rows; r += step) {
            String s = rowLabel(r);
            int yc = y0 + (int) Math.round((r + 0.5) * cellH);
            g.drawString(s, x0 - GAP - fm.stringWidth(s), yc + (fm.getAscent() - fm.getDescent()) / 2);
        }
    }

    private void drawColumnLabels(FontMetrics fm, int x0, int yBottom, double cellW, boolean vertical) {
        g.setFont(Charts.TICK_FONT);
        g.setColor(Charts.TEXT);
        int widest = 0;
        for (int c = 0; c < cols; c++) {
            widest = Math.max(widest, fm.stringWidth(colLabel(c)));
        }
        int step = every(vertical ? fm.getHeight() : widest + GAP, cellW);
        for (int c = 0; c < cols; c += step) {
            String s = colLabel(c);
            int xc = x0 + (int) Math.round((c + 0.5) * cellW);
            if (vertical) {
                drawVertical(s, xc + (fm.getAscent() - fm.getDescent()) / 2, yBottom + GAP + fm.stringWidth(s));
            } else {
                g.drawString(s, xc - fm.stringWidth(s) / 2, yBottom + GAP + fm.getAscent());
            }
        }
    }

    private void drawColourBar(FontMetrics fm, List<Double> ticks, int x, int y, int h) {
        for (int i = 0; i < h; i++) {
            g.setColor(scale.colour(scale.hi() - (scale.hi() - scale.lo()) * i / Math.max(1, h - 1)));
            g.drawLine(x, y + i, x + BAR_WIDTH, y + i);
        }
        g.setColor(Charts.GRID.darker());
        g.drawRect(x, y, BAR_WIDTH, h);
        g.setFont(Charts.TICK_FONT);
        for (double t : ticks) {
            int ty = y + (int) Math.round((scale.hi() - t) / (scale.hi() - scale.lo()) * (h - 1));
            g.setColor(Charts.GRID.darker());
            g.drawLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + 3, ty);
            g.setColor(Charts.TEXT);
            g.drawString(format(t), x + BAR_WIDTH + GAP, ty + (fm.getAscent() - fm.getDescent()) / 2);
        }
        if (anyMasked && y + h + GAP + fm.getHeight() < height) {
            int sy = y + h + GAP;
            g.setColor(MASKED);
            g.fillRect(x, sy, BAR_WIDTH, fm.getAscent());
            g.setColor(Charts.TEXT);
            g.drawString("masked", x, sy + fm.getAscent() + fm.getHeight());
        }
    }

    /** Draws {@code s} reading bottom to top, with its baseline at x and its start at y. */
    private void drawVertical(String s, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        g.drawString(s, 0, 0);
        g.setTransform(saved);
    }

    /** Draw every k-th label so that labels of the given extent do not overlap in cells of the given size. */
    private static int every(double labelExtent, double cell) {
        return Math.max(1, (int) Math.ceil(labelExtent / cell));
    }

    private String rowLabel(int r) {
        return map.rowLabels != null ? map.rowLabels[r] : Integer.toString(r);
    }

    private String colLabel(int c) {
        return map.columnLabels != null ? map.columnLabels[c] : Integer.toString(c);
    }

    private String format(double v) {
        return map.valueFormat == null || !Double.isFinite(v) ? Text.number(v) : Text.format(map.valueFormat, v);
    }
}
