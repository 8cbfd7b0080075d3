package org.weir.cli;

import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "TODO")
final class DemoCommand extends BaseCommand {
    @Override
    int execute(Console console) {
        throw CliError.usage("not wired yet");
    }
}
