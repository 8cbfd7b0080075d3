package org.weir.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Where a command writes: results on stdout (human text, or exactly one JSON object with {@code --json}),
 * notes and progress on stderr. {@code --quiet} silences everything but errors and the JSON object;
 * {@code --verbose} adds detail lines on stderr.
 */
public final class Console {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;
    private final boolean verbose;
    private final boolean terminal;

    Console(PrintWriter out, PrintWriter err, CommonOptions options, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = options.json;
        this.quiet = options.quiet;
        this.verbose = options.verbose;
        this.terminal = terminal;
    }

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    /** A line of the human-readable result on stdout (not with --json or --quiet). */
    public void result(String format, Object... args) {
        if (!json && !quiet) {
            out.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
            out.flush();
        }
    }

    /** A remark on stderr, e.g. how missing values were treated (not with --quiet). */
    public void note(String format, Object... args) {
        if (!quiet) {
            err.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
            err.flush();
        }
    }

    /** A detail line on stderr, only with --verbose. */
    public void detail(String format, Object... args) {
        if (verbose && !quiet) {
            err.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
            err.flush();
        }
    }

    /** Prints the JSON object when --json is set (call exactly once per command). */
    public void jsonResult(Map<String, ?> object) {
        if (json) {
            out.println(JsonOutput.write(object));
            out.flush();
        }
    }

    /** A progress bar on stderr: drawn only on a terminal and without --quiet, otherwise silent. */
    public ProgressBar progress(String label, long total) {
        return new ProgressBar(err, label, total, terminal && !quiet);
    }
}
