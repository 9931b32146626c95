package jgrad.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every command. */
final class HelpOption {

    /** Listed after the command's own options (picocli orders by this; unset is -1). */
    static final int LAST = 1000;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = HelpOption.LAST, description = "show this help and exit")
    boolean help;
}
