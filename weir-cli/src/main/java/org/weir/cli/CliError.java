package org.weir.cli;

/**
 * A user-facing error: its message is printed as one line {@code weir <cmd>: error: <message>} and the
 * process exits with {@link #exitCode()}: {@value #USAGE} for bad command lines (flags, values, ranges),
 * {@value #DATA} for problems with data or model files.
 */
public final class CliError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code for data and model errors. */
    public static final int DATA = 1;
    /** Exit code for usage errors. */
    public static final int USAGE = 2;

    private final int exitCode;

    private CliError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A bad flag, value or combination of flags (exit code 2). */
    public static CliError usage(String message) {
        return new CliError(message, USAGE, null);
    }

    /** A bad flag value, with the exception that detected it (exit code 2). */
    public static CliError usage(String message, Throwable cause) {
        return new CliError(message, USAGE, cause);
    }

    /** A problem with a data or model file (exit code 1). */
    public static CliError data(String message) {
        return new CliError(message, DATA, null);
    }

    /** A problem with a data or model file, with its cause (exit code 1). */
    public static CliError data(String message, Throwable cause) {
        return new CliError(message, DATA, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
