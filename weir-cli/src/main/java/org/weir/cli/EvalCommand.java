package org.weir.cli;

import picocli.CommandLine.Command;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "TODO")
final class EvalCommand extends BaseCommand {
    @Override
    int execute(Console console) {
        throw CliError.usage("not wired yet");
    }
}
