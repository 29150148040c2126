package io.graylane.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml as docker-compose itself reads it ({@code docker-compose config}). */
class ComposeFileTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SERVICES = Set.of("release-service", "traffic-service", "observability-service",
            "bookinfo-deployer");
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static JsonNode compose;

    @BeforeAll
    static void readTheFileAsDockerComposeDoes() throws Exception {
        Command.require("docker-compose", "docker-compose");
        Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Command config = Command.run(Map.of("GRAYLANE_DB_PASSWORD", PASSWORD, "KUBECONFIG_FILE", kubeconfig.toString(),
                "GRAYLANE_OIDC_ISSUER", "https://issuer.example.org/realms/graylane"), dockerComposeConfig());
        assertThat(config.exitCode()).as(config.output()).isZero();
        compose = YAML.readTree(config.output());
    }

    /** {@code docker-compose config}, without the user's own .env, if there is one. */
    private static String[] dockerComposeConfig() {
        try {
            Path noEnvironment = Files.createTempFile("compose", ".env");
            return new String[] {"docker-compose", "-f", "docker-compose.yml", "--env-file", noEnvironment.toString(),
                "config"};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void holdsKafkaPostgresAndTheFourServicesEachWithAHealthcheck() {
        List<String> names = new ArrayList<>();
        compose.path("services").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "postgres", "release-service", "traffic-service",
                "observability-service", "bookinfo-deployer");
        compose.path("services").fields().forEachRemaining(service -> {
            JsonNode healthcheck = service.getValue().path("healthcheck");
            assertThat(healthcheck.path("test").isArray()).as(service.getKey() + " healthcheck").isTrue();
        });
        for (String service : SERVICES) {
            int port = compose.at("/services/" + service + "/ports/0/target").asInt();
            assertThat(compose.at("/services/" + service + "/healthcheck/test").toString())
                    .as(service).contains("http://localhost:" + port + "/q/health/ready");
        }
        assertThat(compose.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText())
                .as("KRaft, single node").isEqualTo("broker,controller");
    }

    @Test
    void startsAServiceOnlyOnceWhatItNeedsIsHealthy() {
        for (String service : SERVICES) {
            JsonNode dependsOn = compose.at("/services/" + service + "/depends_on");
            assertThat(dependsOn.has("kafka")).as(service + " waits for Kafka").isTrue();
            dependsOn.fields().forEachRemaining(dependency -> assertThat(dependency.getValue().path("condition")
                    .asText()).as(service + " -> " + dependency.getKey()).isEqualTo("service_healthy"));
        }
        assertThat(compose.at("/services/release-service/depends_on/postgres/condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void pinsEveryImageAndBuildsOursFromTheirDockerfiles() throws Exception {
        Pattern pinned = Pattern.compile("[a-z0-9./-]+:(?!latest$)[A-Za-z0-9._-]+");
        compose.path("services").fields().forEachRemaining(service -> assertThat(service.getValue().path("image")
                .asText()).as(service.getKey()).matches(pinned));
        assertThat(compose.at("/services/kafka/image").asText()).startsWith("apache/kafka:");
        for (String service : SERVICES) {
            JsonNode build = compose.at("/services/" + service + "/build");
            Path dockerfile = Path.of(build.path("context").asText()).resolve(build.path("dockerfile").asText());
            assertThat(dockerfile).as(service).exists();
            Matcher exposed = Pattern.compile("(?m)^EXPOSE (\\d+)$").matcher(Files.readString(dockerfile));
            assertThat(exposed.find()).as(dockerfile + " exposes a port").isTrue();
            assertThat(compose.at("/services/" + service + "/ports/0/target").asInt()).as(service)
                    .isEqualTo(Integer.parseInt(exposed.group(1)));
        }
    }

    @Test
    void mountsTheKubeconfigReadOnlyWhereTheKubernetesApiIsUsed() {
        for (String service : List.of("traffic-service", "bookinfo-deployer")) {
            String kubeconfig = compose.at("/services/" + service + "/environment/KUBECONFIG").asText();
            assertThat(kubeconfig).as(service).isNotEmpty();
            List<String> mounts = new ArrayList<>();
            compose.at("/services/" + service + "/volumes").forEach(volume -> mounts.add(volume.asText()));
            assertThat(mounts).as(service).anyMatch(mount -> mount.endsWith(":" + kubeconfig + ":ro"));
        }
        for (String service : List.of("release-service", "observability-service")) {
            assertThat(compose.at("/services/" + service + "/volumes").isMissingNode()).as(service).isTrue();
        }
    }

    @Test
    void takesTheDatabasePasswordFromTheUserAndCommitsNone() throws Exception {
        assertThat(compose.at("/services/postgres/environment/POSTGRES_PASSWORD").asText()).isEqualTo(PASSWORD);
        assertThat(compose.at("/services/release-service/environment/GRAYLANE_DB_PASSWORD").asText())
                .isEqualTo(PASSWORD);
        String file = Files.readString(Command.ROOT.resolve("docker-compose.yml"));
        assertThat(file).containsPattern("POSTGRES_PASSWORD: \\$\\{GRAYLANE_DB_PASSWORD:\\?");

        Command withoutPassword = Command.run(Map.of("GRAYLANE_DB_PASSWORD", "", "GRAYLANE_OIDC_ISSUER",
                "https://issuer.example.org"), dockerComposeConfig());
        assertThat(withoutPassword.exitCode()).isNotZero();
        assertThat(withoutPassword.output()).contains("put GRAYLANE_DB_PASSWORD=... in .env");
    }

    @Test
    void verifiesTokensWithTheUsersOpenIdProviderAndRefusesToStartWithoutOne() {
        for (String service : SERVICES) {
            assertThat(compose.at("/services/" + service + "/environment/GRAYLANE_OIDC_ISSUER").asText())
                    .as(service).isEqualTo("https://issuer.example.org/realms/graylane");
        }
        Command withoutIssuer = Command.run(Map.of("GRAYLANE_DB_PASSWORD", PASSWORD, "GRAYLANE_OIDC_ISSUER", ""),
                dockerComposeConfig());
        assertThat(withoutIssuer.exitCode()).isNotZero();
        assertThat(withoutIssuer.output()).contains("put GRAYLANE_OIDC_ISSUER=");
    }
}
