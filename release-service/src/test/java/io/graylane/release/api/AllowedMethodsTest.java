package io.graylane.release.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllowedMethodsTest {

    @Test
    void readsTheMethodsOfEachPathFromTheResource() {
        assertThat(AllowedMethods.at("/api/v1/namespaces/demo/releases")).isEqualTo("GET, POST");
        assertThat(AllowedMethods.at("/api/v1/namespaces/demo/releases/canary")).isEqualTo("GET");
        assertThat(AllowedMethods.at("/api/v1/namespaces/demo/releases/canary/traffic")).isEqualTo("PUT");
        assertThat(AllowedMethods.at("/api/v1/namespaces/demo/releases/canary/rollback")).isEqualTo("POST");
        assertThat(AllowedMethods.at("/elsewhere")).isEmpty();
    }
}
