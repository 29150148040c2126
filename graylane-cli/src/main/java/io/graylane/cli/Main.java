package io.graylane.cli;

import java.util.List;

/** {@code ./graylane bookinfo ...} and {@code ./graylane demo ...}; exits 1 when something did not happen. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Console console = new Console(System.out, System.console() != null);
        Services services = Services.from(System.getenv());
        Http http = new Http();
        List<String> arguments = List.of(args);
        try {
            switch (arguments.isEmpty() ? "" : arguments.get(0)) {
                case "bookinfo" -> new Bookinfo(http, services, console).run(arguments.subList(1, arguments.size()));
                case "demo" -> Demo.of(http, services, console, arguments.subList(1, arguments.size())).play();
                default -> throw new Failure("usage:\n" + Bookinfo.USAGE + "\n" + Demo.USAGE);
            }
        } catch (Failure failure) {
            console.endProgress();
            System.err.println("graylane: " + failure.getMessage());
            System.exit(1);
        }
    }
}
