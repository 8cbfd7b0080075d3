package org.weir.cli;

import picocli.CommandLine.Command;

@Command(name = "fit", mixinStandardHelpOptions = true, description = "TODO")
final class FitCommand extends BaseCommand {
    @Override
    int execute(Console console) {
        throw CliError.usage("not wired yet");
    }
}
