package org.weir.cli;

import picocli.CommandLine.Option;

/** Options every command accepts. */
public final class CommonOptions {
    @Option(names = "--json", description = "Print exactly one JSON object on stdout (for scripts).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors (and the JSON object with --json).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print more detail, and stack traces on errors.")
    boolean verbose;
}
