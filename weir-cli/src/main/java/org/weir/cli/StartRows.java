package org.weir.cli;

import java.util.Arrays;

/**
 * Start rows of closed-loop runs, written {@code A:B:STEP}: every {@code STEP}-th row in {@code [A, B)}.
 * Bounds follow {@link RowRange} (half-open, zero-based, negative counts from the end).
 */
public final class StartRows {
    private StartRows() {
    }

    /**
     * Parses {@code A:B:STEP} (or {@code A:B}, step 1) against a data set of {@code rows} rows.
     *
     * @throws CliError (usage) naming the flag and what is wrong
     */
    public static int[] parse(String flag, String text, int rows) {
        String t = text.trim();
        int last = t.lastIndexOf(':');
        int first = t.indexOf(':');
        int step = 1;
        String range = t;
        if (first >= 0 && last != first) {
            String s = t.substring(last + 1).trim();
            try {
                step = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw CliError.usage(flag + " '" + text + "': step '" + s + "' is not a whole number");
            }
            if (step < 1) {
                throw CliError.usage(flag + " '" + text + "': step must be at least 1, got " + step);
            }
            range = t.substring(0, last);
        }
        RowRange r = RowRange.parse(flag, range, rows);
        int n = (r.length() + step - 1) / step;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.start() + i * step;
        }
        return out;
    }

    static String describe(int[] starts) {
        return starts.length <= 6 ? Arrays.toString(starts)
                : "[" + starts[0] + ", " + starts[1] + ", ..., " + starts[starts.length - 1] + "] (" + starts.length + " starts)";
    }
}
