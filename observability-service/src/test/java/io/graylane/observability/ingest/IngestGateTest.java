package io.graylane.observability.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestGateTest {

    @Test
    void refusesWhatItHasNoRoomForInsteadOfQueueingIt() {
        IngestGate gate = new IngestGate(1, 100);

        assertThatThrownBy(() -> gate.admit(new byte[1], () -> gate.admit(new byte[1], () -> "second")))
                .isInstanceOf(IngestGate.Overloaded.class);
        assertThat(gate.admit(new byte[1], () -> "after")).isEqualTo("after");
        assertThatThrownBy(() -> gate.admit(new byte[101], () -> "large")).isInstanceOf(IngestGate.TooLarge.class);
    }
}
