package org.weir.cli;

import picocli.CommandLine.Command;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "TODO")
final class GenerateCommand extends BaseCommand {
    @Override
    int execute(Console console) {
        throw CliError.usage("not wired yet");
    }
}
