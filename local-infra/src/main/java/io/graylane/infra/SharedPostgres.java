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

    /** The URL of a database of its own on the shared server, created if missing: a suite kept apart. */
    public static String database(String name) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl(), PostgresServer.USER, "");
                java.sql.Statement statement = connection.createStatement()) {
            java.sql.ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '"
                    + name.replace("'", "''") + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return jdbcUrl().substring(0, jdbcUrl().lastIndexOf('/') + 1) + name;
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
