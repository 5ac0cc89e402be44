package io.github.softmaxlab.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small results table, shown as aligned text ({@code System.out.println(table)}), as HTML
 * ({@code display("text/html", table.html())}) or as Markdown (reports, README files). Floating-point numbers are
 * formatted with the table's pattern (default {@code %.4g}); columns holding only numbers are right-aligned.
 * <pre>{@code
 * var t = Table.of("method", "accuracy").numbers("%.3f").row("softmax", 0.912).row("SSMax", 0.934);
 * System.out.println(t);
 * }</pre>
 */
public final class Table {

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] textSeen;
    private String numberFormat = "%.4g";

    private Table(String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.headers = headers.clone();
        this.textSeen = new boolean[headers.length];
    }

    /**
     * An empty table.
     *
     * @param headers the column titles
     * @return the table
     */
    public static Table of(String... headers) {
        return new Table(headers);
    }

    /**
     * Sets the format of {@code double} and {@code float} cells in rows added after this call.
     *
     * @param format a {@link String#format} pattern such as {@code "%.2f"} or {@code "%.2e"}
     * @return this table
     */
    public Table numbers(String format) {
        Text.format(format, 1.0);
        this.numberFormat = format;
        return this;
    }

    /**
     * Adds a row. Doubles and floats are formatted with the number format, other values with {@code toString()}.
     *
     * @param cells one value per column
     * @return this table
     */
    public Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells but the table has "
                    + headers.length + " columns " + Arrays.toString(headers));
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            text[i] = c instanceof Double || c instanceof Float ? Text.format(numberFormat, c) : String.valueOf(c);
            textSeen[i] |= !(c instanceof Number);
        }
        rows.add(text);
        return this;
    }

    /** @return the number of rows */
    public int size() {
        return rows.size();
    }

    /** @return the cell text at the given row and column, as it is printed */
    public String cell(int row, int column) {
        return rows.get(row)[column];
    }

    /** @return the table as aligned plain text, a dashed rule under the headers */
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
        String[] rule = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        appendLine(sb, rule, width);
        for (String[] r : rows) {
            appendLine(sb, r, width);
        }
        return sb.toString();
    }

    /** @return the table as a GitHub Markdown table, numeric columns right-aligned */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (int i = 0; i < headers.length; i++) {
            sb.append(textSeen[i] ? "---|" : "---:|");
        }
        sb.append('\n');
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    /** @return the table as an HTML {@code <table>}, for {@code display("text/html", …)} */
    public String html() {
        StringBuilder sb = new StringBuilder("<table><thead><tr>");
        for (int i = 0; i < headers.length; i++) {
            sb.append("<th").append(align(i)).append('>').append(escape(headers[i])).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (String[] r : rows) {
            sb.append("<tr>");
            for (int i = 0; i < r.length; i++) {
                sb.append("<td").append(align(i)).append('>').append(escape(r[i])).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** @return {@link #text()} */
    @Override
    public String toString() {
        return text();
    }

    private String align(int column) {
        return textSeen[column] ? " style=\"text-align:left\"" : " style=\"text-align:right\"";
    }

    private void appendLine(StringBuilder sb, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(width[i] - cells[i].length());
            sb.append(i == 0 ? "" : "  ").append(textSeen[i] ? cells[i] + pad : pad + cells[i]);
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
