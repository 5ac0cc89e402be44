package io.github.softmaxlab.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small results table, shown as aligned text or as HTML ({@code display("text/html", table.html())}).
 * Numbers are formatted with a pattern per table (default {@code %.4g}).
 */
public final class Table {

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();
    private String numberFormat = "%.4g";

    private Table(String... headers) {
        this.headers = headers.clone();
    }

    public static Table of(String... headers) {
        return new Table(headers);
    }

    /** The format for numbers added after this call, e.g. {@code "%.2f"}. */
    public Table numbers(String format) {
        this.numberFormat = format;
        return this;
    }

    /** Adds a row; numbers are formatted, anything else is shown with {@code toString()}. */
    public Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells but the table has "
                    + headers.length + " columns");
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            text[i] = c instanceof Double || c instanceof Float ? String.format(Locale.ROOT, numberFormat, c)
                    : String.valueOf(c);
        }
        rows.add(text);
        return this;
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** Aligned plain text. */
    public String text() {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, headers, width);
        for (int i = 0; i < headers.length; i++) {
            sb.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        sb.append('\n');
        for (String[] r : rows) {
            appendLine(sb, r, width);
        }
        return sb.toString();
    }

    /** Markdown (for README files and reports). */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", headers)).append(" |\n|");
        sb.append("---|".repeat(headers.length)).append('\n');
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    /** HTML, for {@code display("text/html", …)}. */
    public String html() {
        StringBuilder sb = new StringBuilder("<table><thead><tr>");
        for (String h : headers) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (String[] r : rows) {
            sb.append("<tr>");
            for (String c : r) {
                sb.append("<td>").append(escape(c)).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    @Override
    public String toString() {
        return text();
    }

    private static void appendLine(StringBuilder sb, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            sb.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", cells[i]));
        }
        sb.append('\n');
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
