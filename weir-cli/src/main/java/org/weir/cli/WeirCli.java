package org.weir.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.weir.io.ModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code weir} command. {@link #main} runs it as a process; {@link #run(PrintWriter, PrintWriter, String...)}
 * runs it in-process (tests, embedding) and returns the exit code instead of exiting: 0 on success, 1 for
 * data and model errors, 2 for usage errors. Every error is one line on stderr,
 * {@code weir <command>: error: <message>}; {@code --verbose} adds the stack trace.
 */
@Command(name = "weir", mixinStandardHelpOptions = true, versionProvider = WeirCli.Version.class,
        description = "Reservoir computing from the shell: fit echo state networks to CSV time series, forecast, "
                + "generate, evaluate, diagnose reservoirs, conformal prediction intervals, benchmark.",
        subcommands = {FitCommand.class, PredictCommand.class, GenerateCommand.class, EvalCommand.class,
                DiagnoseCommand.class, ConformalCommand.class, BenchCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run 'weir COMMAND --help' for the options of a command. Start with 'weir demo'."})
public final class WeirCli implements Callable<Integer> {
    private final boolean interactive;

    @Spec
    CommandSpec spec;

    WeirCli(boolean interactive) {
        this.interactive = interactive;
    }

    /** Whether progress bars may be drawn (stderr is a terminal). */
    boolean interactive() {
        return interactive;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command: choose one of fit, predict, generate, eval, diagnose, conformal, bench, demo");
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Charset cs = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
        boolean interactive = System.console() != null
                && !"false".equals(System.getProperty("weir.stderr.tty"));
        int code = run(out, err, interactive, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs in-process on System.out and System.err; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintStreamWriter(System.out), new PrintStreamWriter(System.err), args);
    }

    /** Runs in-process writing to the given streams; returns the exit code (never calls System.exit). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(new PrintStreamWriter(out), new PrintStreamWriter(err), args);
    }

    /** Runs in-process writing to the given writers, without progress bars; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, false, args);
    }

    static int run(PrintWriter out, PrintWriter err, boolean interactive, String... args) {
        CommandLine cl = commandLine(out, err, interactive);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean interactive) {
        CommandLine cl = new CommandLine(new WeirCli(interactive));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(WeirCli::handleParameterError);
        cl.setExecutionExceptionHandler(WeirCli::handleExecutionError);
        return cl;
    }

    private static int handleParameterError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        String message = oneLine(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            message = u.isUnknownOption() ? "unknown option '" + first + "'"
                    : cmd.getCommandSpec().subcommands().isEmpty()
                            ? "unexpected argument '" + first + "'" : "unknown command '" + first + "'";
        }
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        err.println(name + ": error: " + message + " (see '" + name + " --help')");
        if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return CliError.USAGE;
    }

    private static int handleExecutionError(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean verbose = cmd.getCommand() instanceof BaseCommand b && b.verbose();
        int code = CliError.DATA;
        String message;
        Throwable t = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        if (t instanceof CliError e) {
            code = e.exitCode();
            message = e.getMessage();
        } else if (t instanceof ParameterException p) {
            return handleParameterError(p, parseResult.originalArgs().toArray(new String[0]));
        } else if (t instanceof NoSuchFileException e) {
            message = "file not found: " + e.getFile();
        } else if (t instanceof AccessDeniedException e) {
            message = "permission denied: " + e.getFile();
        } else if (t instanceof FileSystemException e) {
            message = e.getMessage();
        } else if (t instanceof IOException || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException) {
            message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        } else {
            message = "internal error: " + t + (verbose ? "" : " (run with --verbose for details)");
        }
        err.println(cmd.getCommandSpec().qualifiedName() + ": error: " + oneLine(message));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** Version line for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"weir " + ModelFile.WEIR_VERSION + " (model file format " + ModelFile.FORMAT_VERSION
                    + ", Java " + System.getProperty("java.version") + ")"};
        }
    }

    /** A PrintWriter over a PrintStream that flushes on println. */
    private static final class PrintStreamWriter extends PrintWriter {
        PrintStreamWriter(PrintStream s) {
            super(s, true);
        }
    }

    static List<String> commandNames() {
        return List.of("fit", "predict", "generate", "eval", "diagnose", "conformal", "bench", "demo");
    }
}
