package one.aisa.xlink.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small table: printed aligned for people, written as CSV for tools. */
final class Table {

    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(csvLine(header));
        for (List<String> row : rows) {
            lines.add(csvLine(row));
        }
        Files.write(file, lines);
    }

    String render() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder("\n").append(title).append('\n');
        line(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            boolean numeric = !cell.isEmpty() && cell.matches("[-+0-9.,x%]+( ?[a-zA-Z%]*)?");
            String padded =
                    numeric
                            ? " ".repeat(widths[i] - cell.length()) + cell
                            : cell + " ".repeat(widths[i] - cell.length());
            line.append(padded).append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String csvLine(List<String> cells) {
        return String.join(
                ",",
                cells.stream()
                        .map(
                                c ->
                                        c.contains(",") || c.contains("\"")
                                                ? '"' + c.replace("\"", "\"\"") + '"'
                                                : c)
                        .toList());
    }
}
