package io.graylane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./graylane release|bookinfo|demo ...}: the client of the services' APIs. Exits 0 when what was asked
 * happened, 1 when it did not (the reason on stderr), 2 for a usage error; {@code release get --wait} has its
 * own codes for a release that ended otherwise.
 */
@Command(name = "graylane", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Grayscale releases on Istio: the client of Graylane's services.",
        subcommands = {ReleaseCommand.class, BookinfoCommand.class, DemoCommand.class, TokenCommand.class})
public final class Main {

    final Http http;
    final Services services;
    final Console console;

    Main(Http http, Services services, Console console) {
        this.http = http;
        this.services = services;
        this.console = console;
    }

    public static void main(String[] args) {
        Main main = new Main(new Http(Credentials.from(System.getenv())), Services.from(System.getenv()), new Console(System.out,
                System.console() != null));
        System.exit(main.commandLine().execute(args));
    }

    CommandLine commandLine() {
        return new CommandLine(this)
                .setExecutionExceptionHandler((exception, command, parsed) -> {
                    if (exception instanceof Failure failure) {
                        console.endProgress();
                        command.getErr().println("graylane: " + failure.getMessage());
                        return 1;
                    }
                    throw exception;
                });
    }

    /** The version of the build, from the jar's resources. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/graylane-cli.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"graylane " + properties.getProperty("version", "unknown")};
        }
    }
}
