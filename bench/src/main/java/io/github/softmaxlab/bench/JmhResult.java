package io.github.softmaxlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of JMH's CSV result file ({@code -rf csv}): which benchmark, with which parameters, and its score.
 *
 * @param benchmark the simple name of the benchmark class, e.g. {@code SoftmaxBenchmark}
 * @param method    the benchmark method, e.g. {@code copy}
 * @param params    the {@code @Param} values by name, in the file's column order
 * @param score     the score and its 99.9% error
 * @param unit      the score's unit, e.g. {@code us/op}
 */
public record JmhResult(String benchmark, String method, Map<String, String> params, Estimate score, String unit) {

    private static final String PARAM = "Param: ";

    /**
     * Reads a JMH CSV result file.
     *
     * @param file the file JMH wrote with {@code -rf csv -rff file}
     * @return its rows, in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if a column JMH always writes is missing
     */
    public static List<JmhResult> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: did the benchmarks run?");
        }
        List<String> header = parseLine(lines.get(0));
        int name = column(header, "Benchmark", file);
        int score = column(header, "Score", file);
        int error = column(header, "Score Error (99.9%)", file);
        int unit = column(header, "Unit", file);
        List<JmhResult> results = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = parseLine(line);
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).startsWith(PARAM) && !cells.get(i).isEmpty()) {
                    params.put(header.get(i).substring(PARAM.length()), cells.get(i));
                }
            }
            String full = cells.get(name);
            int method = full.lastIndexOf('.');
            int type = full.lastIndexOf('.', method - 1);
            results.add(new JmhResult(full.substring(type + 1, method), full.substring(method + 1), params,
                    new Estimate(number(cells.get(score)), number(cells.get(error))), cells.get(unit)));
        }
        return results;
    }

    /** Splits one CSV line: fields separated by commas, optionally in double quotes with {@code ""} escapes. */
    static List<String> parseLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static int column(List<String> header, String title, Path file) {
        int i = header.indexOf(title);
        if (i < 0) {
            throw new IllegalArgumentException(file + " has no column '" + title + "'; columns are " + header);
        }
        return i;
    }

    /** JMH writes NaN for an error it cannot estimate. */
    private static double number(String s) {
        return s.isBlank() ? Double.NaN : Double.parseDouble(s.trim());
    }
}
