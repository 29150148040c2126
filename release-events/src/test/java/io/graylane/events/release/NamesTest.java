package io.graylane.events.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"reviews", "v2", "a", "canary-release", "0abc9",
            "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefgh"})
    void acceptsDnsLabels(String value) {
        assertThat(Names.isDnsLabel(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Reviews", "-v2", "v2-", "v_2", "v.2", "ré",
            "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghi"})
    void rejectsWhatIsNotADnsLabel(String value) {
        assertThat(Names.isDnsLabel(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "kubesphere/examples-bookinfo-reviews-v2:1.13.0",
        "docker.io/istio/examples-bookinfo-reviews-v2:1.20.1",
        "nginx",
        "nginx:1.27",
        "localhost:5000/team/app:v1",
        "registry.example.com:443/a/b/c",
        "Registry.Example.com/app",
        "[::1]:5000/app:latest",
        "quay.io/org/app_name__x.y-z:TAG_1.0-rc",
        "busybox@sha256:7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa",
        "gcr.io/p/app:1.0@sha256:7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa"})
    void acceptsImageReferences(String value) {
        assertThat(Names.isImageReference(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "Kubesphere/reviews:1.0",
        "reviews:",
        "reviews:-bad",
        "reviews:has space",
        "/reviews",
        "reviews/",
        "a//b",
        "reviews@sha256:abc",
        "reviews:1.0:2.0",
        "https://docker.io/reviews",
        "UPPER"})
    void rejectsWhatIsNotAnImageReference(String value) {
        assertThat(Names.isImageReference(value)).isFalse();
    }
}
