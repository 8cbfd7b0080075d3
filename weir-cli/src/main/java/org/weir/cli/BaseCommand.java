package org.weir.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand with the common options; {@link #execute(Console)} does the work and returns the exit code. */
abstract class BaseCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        boolean terminal = spec.root().userObject() instanceof WeirCli root && root.interactive();
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), common, terminal);
        return execute(console);
    }

    abstract int execute(Console console) throws Exception;

    boolean verbose() {
        return common.verbose;
    }
}
