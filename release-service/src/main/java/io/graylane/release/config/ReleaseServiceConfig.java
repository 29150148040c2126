package io.graylane.release.config;

import io.graylane.events.Producers;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of release-service under {@code graylane.*}; application.properties points here. */
@ConfigMapping(prefix = "graylane")
public interface ReleaseServiceConfig {

    /** The transactional outbox. */
    Outbox outbox();

    /** Events this service produces and consumes. */
    Events events();

    /** Calls to rollouts' webhooks. */
    Webhooks webhooks();

    /** Settings of the outbox relay. */
    interface Outbox {

        /** How often the relay looks for unpublished events when no commit woke it: the safety net. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Events published per round trip. */
        @WithDefault("100")
        int batchSize();

        /** Longest wait between attempts while Kafka does not acknowledge. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** Longest wait for Kafka's acknowledgement of one batch before trying again. */
        @WithDefault("60s")
        Duration ackTimeout();
    }

    /** Settings of the events. */
    interface Events {

        /** The CloudEvents {@code source} of the events this service produces; consumers accept only this default (events.Producers). */
        @WithDefault(Producers.RELEASE_SERVICE)
        String source();

        /**
         * How long the ids of consumed events are kept to recognise a redelivery; older ones are pruned every
         * hour. Keep it longer than the retention of the topics consumed (Kafka's default: 7 days); beyond it,
         * generations still keep an old report from changing anything.
         */
        @WithDefault("14d")
        Duration processedRetention();
    }

    /** Settings of the webhooks rollouts call. */
    interface Webhooks {

        /** The shared secret of the HMAC-SHA256 signature header ({@code X-Graylane-Signature}); none without it. */
        Optional<String> secret();

        /** How long a webhook has to connect and answer. */
        @WithDefault("5s")
        Duration timeout();
    }
}
