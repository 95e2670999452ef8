package org.xcpbalancer.manager.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.xcpbalancer.core.cli.InputEcho;
import org.xcpbalancer.manager.console.CommandArguments;
import org.xcpbalancer.manager.console.ConsoleInputException;

/**
 * The clauses SHOW VMS and SHOW HOSTS take after the original words: [FULL] [LIKE text] [ORDER BY column
 * [ASC|DESC]]. Any of them asks for the table with figures; without them the original list is printed.
 * LIKE keeps names containing the text (any case); % and _ are wildcards as in SQL.
 */
record ListingClauses(boolean table, Optional<String> like, Optional<String> orderBy, boolean descending) {
    static final List<String> WORDS = List.of("FULL", "LIKE", "ORDER", "BY", "ASC", "DESC");

    /** What completion offers after a listing command: the clause words, then the columns it can order by. */
    static List<String> completionWords(List<String> columns) {
        List<String> words = new ArrayList<>(WORDS);
        words.addAll(columns);
        return words;
    }

    static ListingClauses parse(CommandArguments arguments, List<String> columns, String usage) {
        boolean full = arguments.acceptKeyword("FULL");
        Optional<String> like = Optional.empty();
        if (arguments.acceptKeyword("LIKE")) {
            like = Optional.of(arguments.nextWord("a name or pattern after LIKE", usage));
        }
        Optional<String> orderBy = Optional.empty();
        boolean descending = false;
        if (arguments.acceptKeyword("ORDER")) {
            arguments.expectKeyword("BY", usage);
            String column = arguments.nextWord("a column after ORDER BY (" + String.join(", ", columns) + ")", usage);
            orderBy = Optional.of(columns.stream().filter(c -> normalize(c).equals(normalize(column))).findFirst()
                    .orElseThrow(() -> new ConsoleInputException("no column '" + InputEcho.shown(column) + "' to order by: "
                            + String.join(", ", columns))));
            if (arguments.acceptKeyword("DESC")) {
                descending = true;
            } else {
                arguments.acceptKeyword("ASC");
            }
        }
        arguments.expectEnd(usage);
        return new ListingClauses(full || like.isPresent() || orderBy.isPresent(), like, orderBy, descending);
    }

    boolean matches(String name) {
        if (like.isEmpty()) {
            return true;
        }
        String pattern = like.get();
        if (!pattern.contains("%") && !pattern.contains("_")) {
            pattern = "%" + pattern + "%";
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return name != null && Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
                .matcher(name).matches();
    }

    /** Sorts by the chosen column (nulls last, then by name), or keeps the given order. */
    <T> List<T> sort(List<T> rows, Map<String, Function<T, Comparable<?>>> keys, Function<T, String> name) {
        if (orderBy.isEmpty()) {
            return rows;
        }
        Function<T, Comparable<?>> key = keys.get(orderBy.get());
        Comparator<T> byColumn = (a, b) -> compareNullsLast(key.apply(a), key.apply(b), descending);
        Comparator<T> byName = Comparator.comparing(name, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
        return rows.stream().sorted(byColumn.thenComparing(byName)).toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareNullsLast(Comparable<?> a, Comparable<?> b, boolean descending) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1;
        }
        int order = a instanceof String sa && b instanceof String sb ? sa.compareToIgnoreCase(sb) : ((Comparable) a).compareTo(b);
        return descending ? -order : order;
    }

    private static String normalize(String column) {
        return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
