package org.weir.cli;

import picocli.CommandLine.Command;

@Command(name = "predict", mixinStandardHelpOptions = true, description = "TODO")
final class PredictCommand extends BaseCommand {
    @Override
    int execute(Console console) {
        throw CliError.usage("not wired yet");
    }
}
