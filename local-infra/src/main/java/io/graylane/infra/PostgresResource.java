package io.graylane.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL: {@code @WithTestResource(PostgresResource.class)}.
 * The embedded server by default; an external one when {@code GRAYLANE_TEST_DB_URL} names it (with
 * {@code GRAYLANE_TEST_DB_USER} and {@code GRAYLANE_TEST_DB_PASSWORD}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String external = System.getenv("GRAYLANE_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return Map.of("quarkus.datasource.jdbc.url", external,
                    "quarkus.datasource.username", System.getenv().getOrDefault("GRAYLANE_TEST_DB_USER", "postgres"),
                    "quarkus.datasource.password", System.getenv().getOrDefault("GRAYLANE_TEST_DB_PASSWORD", ""));
        }
        return Map.of("quarkus.datasource.jdbc.url", SharedPostgres.jdbcUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // The server stops with the JVM: see SharedPostgres.
    }
}
