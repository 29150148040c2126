package io.graylane.release;

import io.graylane.events.Producers;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.analysis.AnalysisVerdict;
import io.graylane.events.analysis.CheckVerdict;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Publishes verdicts on graylane.analysis as observability-service's judge does, through a real producer, so
 * release-service's driver is tested against the contract on its own (the e2e tests run the real judge).
 */
public final class JudgeStandIn implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final TopicWriter writer = new TopicWriter(SharedKafka.broker().bootstrapServers());

    public void verdict(String namespace, String name, long generation, CheckVerdict.Outcome errors) {
        List<CheckVerdict> checks = List.of(
                new CheckVerdict("split", CheckVerdict.Outcome.PASS, 150, 333.3, Map.of("candidateRequests", 120),
                        null),
                new CheckVerdict("errors", errors, errors == CheckVerdict.Outcome.FAIL ? 5000 : 400, 333.3,
                        Map.of("baselineRequests", 1080, "baselineErrors", 5, "candidateRequests", 120,
                                "candidateErrors", errors == CheckVerdict.Outcome.FAIL ? 12 : 0),
                        errors == CheckVerdict.Outcome.FAIL ? List.of("0af7651916cd43dd8448eb211c80319c") : null));
        AnalysisVerdict verdict = new AnalysisVerdict(namespace, name, "reviews", generation, Map.of(),
                Instant.now().minusSeconds(30), Instant.now(), "prometheus", AnalysisVerdict.overall(checks), checks);
        CloudEvent event = codec.create(Producers.OBSERVABILITY_SERVICE, EventTypes.ANALYSIS_VERDICT,
                CloudEvent.subject(namespace, name), verdict);
        writer.send(Topics.ANALYSIS, Topics.recordKey(namespace, "reviews"), codec.write(event),
                Map.of("content-type", CloudEvent.CONTENT_TYPE));
    }

    public void sendRaw(String key, String value) {
        writer.send(Topics.ANALYSIS, key, value);
    }

    @Override
    public void close() {
        writer.close();
    }
}
