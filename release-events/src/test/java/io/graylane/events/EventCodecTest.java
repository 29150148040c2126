package io.graylane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graylane.events.traffic.TrafficFailed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void roundTripsAnEventAndItsData() {
        TrafficFailed failed = new TrafficFailed("demo", "canary", 3L, "BaselineNotFound", "no v1", false);
        CloudEvent event = codec.create("/test", EventTypes.TRAFFIC_FAILED, "demo/canary", failed);

        CloudEvent read = codec.read(codec.write(event));

        assertThat(read.id()).isEqualTo(event.id());
        assertThat(read.time()).isEqualTo(event.time());
        assertThat(codec.data(read, TrafficFailed.class)).isEqualTo(failed);
    }

    @Test
    void ignoresAttributesAndFieldsItDoesNotKnow() {
        String json = """
                {"specversion":"1.0","id":"1","source":"/x","type":"%s","traceparent":"00-abc",
                 "data":{"namespace":"demo","name":"c","generation":2,"reason":"R","retryable":true,"extra":1}}
                """.formatted(EventTypes.TRAFFIC_FAILED);

        assertThat(codec.data(codec.read(json), TrafficFailed.class).generation()).isEqualTo(2L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\"}",
        "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\"}",
        "{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/x\",\"type\":\"t\"}"})
    void rejectsWhatIsNotAStructuredCloudEvent(String json) {
        assertThatThrownBy(() -> codec.read(json)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void rejectsDataWithoutTheFieldsEveryReportNeeds() {
        CloudEvent event = codec.read("""
                {"specversion":"1.0","id":"1","source":"/x","type":"t","data":{"namespace":"demo","name":"c"}}
                """);

        assertThatThrownBy(() -> codec.data(event, TrafficFailed.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("generation");
    }
}
