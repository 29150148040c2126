package io.graylane.observability.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class IngestGateTest {

    @Test
    void refusesWhatItHasNoRoomForInsteadOfQueueingIt() {
        IngestGate gate = new IngestGate(1, 100);

        assertThatThrownBy(() -> gate.admit(body(1), first -> gate.admit(body(1), second -> "second")))
                .isInstanceOf(IngestGate.Overloaded.class);
        String after = gate.admit(body(1), bytes -> "after " + bytes.length);
        assertThat(after).isEqualTo("after 1");
        int hundred = gate.admit(body(100), bytes -> bytes.length);
        assertThat(hundred).isEqualTo(100);
        assertThatThrownBy(() -> gate.admit(body(101), bytes -> "large")).isInstanceOf(IngestGate.TooLarge.class);
    }

    @Test
    void readsNoMoreThanTheLimitAndOneByteOfABodyThatNeverEnds() {
        IngestGate gate = new IngestGate(1, 1_000);
        Endless endless = new Endless();

        assertThatThrownBy(() -> gate.admit(endless, bytes -> "never")).isInstanceOf(IngestGate.TooLarge.class);
        assertThat(endless.read).isEqualTo(1_001);
    }

    @Test
    void anOverloadedGateReadsNothing() {
        IngestGate gate = new IngestGate(1, 1_000);
        Endless endless = new Endless();

        assertThatThrownBy(() -> gate.admit(body(1), first -> gate.admit(endless, second -> "second")))
                .isInstanceOf(IngestGate.Overloaded.class);
        assertThat(endless.read).isZero();
    }

    private static InputStream body(int bytes) {
        return new ByteArrayInputStream(new byte[bytes]);
    }

    /** A body that never ends, counting what was read of it. */
    private static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            read += length;
            return length;
        }
    }
}
