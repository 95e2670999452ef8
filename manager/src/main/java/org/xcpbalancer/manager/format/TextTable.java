package org.xcpbalancer.manager.format;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table: a header row, then rows; numbers right-aligned, text left-aligned. A cell longer than
 * {@link #MAX_CELL_WIDTH} is cut ("...") except in the last column, so one long value (an XAPI error, a name)
 * cannot push every row across hundreds of columns; the last column may run on, misaligning nothing.
 */
public final class TextTable {
    /** A column and whether its values are right-aligned (numbers). */
    public record Column(String header, boolean right) {
        public static Column left(String header) {
            return new Column(header, false);
        }

        public static Column right(String header) {
            return new Column(header, true);
        }
    }

    public static final int MAX_CELL_WIDTH = 60;
    private static final String GAP = "  ";
    private static final String CUT = "...";

    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + columns.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i) == null ? "-" : cells.get(i);
            boolean last = i == cells.size() - 1;
            row.add(!last && cell.length() > MAX_CELL_WIDTH ? cell.substring(0, MAX_CELL_WIDTH - CUT.length()) + CUT : cell);
        }
        rows.add(row);
        return this;
    }

    public List<String> render() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).header().length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(columns.stream().map(Column::header).toList(), widths));
        rows.forEach(row -> lines.add(line(row, widths)));
        return lines;
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(GAP);
            }
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            boolean last = i == cells.size() - 1;
            if (columns.get(i).right()) {
                line.append(pad).append(cell);
            } else {
                line.append(cell).append(last ? "" : pad);
            }
        }
        return line.toString();
    }
}
