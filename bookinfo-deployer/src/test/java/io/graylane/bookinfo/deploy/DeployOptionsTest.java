package io.graylane.bookinfo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graylane.bookinfo.InvalidRequest;
import io.graylane.events.release.Violation;
import org.junit.jupiter.api.Test;

class DeployOptionsTest {

    @Test
    void noBodyIsTheTutorial() {
        assertThat(DeployOptions.of(null)).isEqualTo(DeployOptions.TUTORIAL);
        assertThat(DeployOptions.of(new DeployOptions.Request(null, null, null, null))).isEqualTo(DeployOptions.TUTORIAL);
    }

    @Test
    void namesTheFieldAtFault() {
        assertThatThrownBy(() -> DeployOptions.of(new DeployOptions.Request(null, "docker", null, null)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.errors()).extracting(Violation::field)
                        .containsExactly("images"));
        assertThatThrownBy(() -> DeployOptions.of(new DeployOptions.Request(null, null, "docker.io/istio/", null)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.errors()).extracting(Violation::field)
                        .containsExactly("registry"));
        assertThatThrownBy(() -> DeployOptions.of(new DeployOptions.Request(null, null, null, "-latest")))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.errors()).extracting(Violation::field)
                        .containsExactly("tag"));
    }
}
