package io.graylane.infra;

import java.nio.file.Path;

/**
 * The one embedded PostgreSQL of a test JVM, started on first use on a free port and removed with its data
 * when the JVM ends, also when it is killed. Its coordinates live in a system property so every class
 * loader's copy of this class finds the same server.
 */
public final class SharedPostgres {

    private static final String PROPERTY = "io.graylane.infra.shared-postgres";

    private SharedPostgres() {
    }

    public static String jdbcUrl() {
        return running()[0];
    }

    public static Path dataDir() {
        return Path.of(running()[1]);
    }

    private static synchronized String[] running() {
        String running = System.getProperty(PROPERTY);
        if (running == null) {
            PostgresServer server = PostgresServer.ephemeral(FreePort.find());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
            running = server.jdbcUrl("postgres") + "|" + server.dataDir();
            System.setProperty(PROPERTY, running);
        }
        return running.split("\\|", 2);
    }
}
