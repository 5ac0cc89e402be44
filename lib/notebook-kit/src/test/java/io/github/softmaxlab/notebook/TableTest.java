package io.github.softmaxlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.IllegalFormatException;
import org.junit.jupiter.api.Test;

class TableTest {

    private final Table table = Table.of("method", "accuracy", "steps").numbers("%.3f")
            .row("softmax", 0.91234, 100).row("a<b", 0.5f, 2000);

    @Test
    void textAlignsTextLeftAndNumbersRight() {
        assertEquals("""
                method   accuracy  steps
                -------  --------  -----
                softmax     0.912    100
                a<b         0.500   2000
                """, table.text());
        assertEquals(table.text(), table.toString());
        assertEquals("0.912", table.cell(0, 1));
        assertEquals(2, table.size());
    }

    @Test
    void markdownAndHtml() {
        assertEquals("""
                | method | accuracy | steps |
                |---|---:|---:|
                | softmax | 0.912 | 100 |
                | a<b | 0.500 | 2000 |
                """, table.markdown());
        assertEquals("<table><thead><tr><th style=\"text-align:left\">method</th>"
                + "<th style=\"text-align:right\">accuracy</th><th style=\"text-align:right\">steps</th></tr></thead>"
                + "<tbody><tr><td style=\"text-align:left\">softmax</td><td style=\"text-align:right\">0.912</td>"
                + "<td style=\"text-align:right\">100</td></tr><tr><td style=\"text-align:left\">a&lt;b</td>"
                + "<td style=\"text-align:right\">0.500</td><td style=\"text-align:right\">2000</td></tr></tbody>"
                + "</table>", table.html());
    }

    @Test
    void numberFormatAppliesToLaterRowsAndBadInputIsRejected() {
        Table t = Table.of("x").row(1.0).numbers("%.1e").row(12345.0);
        assertEquals("1.000", t.cell(0, 0));
        assertEquals("1.2e+04", t.cell(1, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
        assertEquals("row has 1 cells but the table has 3 columns [method, accuracy, steps]", e.getMessage());
        assertThrows(IllegalFormatException.class, () -> Table.of("x").numbers("%d"));
        assertThrows(IllegalArgumentException.class, Table::of);
    }
}
