package io.graylane.bookinfo.events;

import io.graylane.bookinfo.config.DeployerConfig;
import io.graylane.bookinfo.deploy.BookinfoProblem;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.bookinfo.BookinfoDeployed;
import io.graylane.events.bookinfo.BookinfoRemoved;
import io.graylane.messaging.AcknowledgedSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Announces deploys and removals on {@code graylane.bookinfo}, keyed {@code {namespace}/bookinfo}, and waits
 * for Kafka to take them. The cluster is the state; there is no outbox: when Kafka does not take an event,
 * the request fails with a message saying to repeat it, and the repetition changes nothing but announces.
 */
@ApplicationScoped
public class BookinfoAnnouncer {

    private static final long ACK_TIMEOUT_SECONDS = 20;

    private final Emitter<String> emitter;
    private final EventCodec codec;
    private final String source;

    BookinfoAnnouncer(@Channel("bookinfo-out") Emitter<String> emitter, EventCodec codec, DeployerConfig config) {
        this.emitter = emitter;
        this.codec = codec;
        this.source = config.events().source();
    }

    public void deployed(BookinfoDeployed deployed) {
        announce(deployed.namespace(), EventTypes.BOOKINFO_DEPLOYED, deployed, "Bookinfo is deployed");
    }

    public void removed(BookinfoRemoved removed) {
        announce(removed.namespace(), EventTypes.BOOKINFO_REMOVED, removed, "Bookinfo is removed");
    }

    private void announce(String namespace, String type, Object data, String done) {
        CloudEvent event = codec.create(source, type, CloudEvent.subject(namespace, "bookinfo"), data);
        try {
            AcknowledgedSend.send(emitter, Topics.BOOKINFO, Topics.recordKey(namespace, "bookinfo"),
                    codec.write(event), AcknowledgedSend.cloudEventHeaders()).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new BookinfoProblem(BookinfoProblem.Kind.NOT_ANNOUNCED, done + " in namespace '" + namespace
                    + "', but Kafka did not take the event " + type + " (" + cause.getMessage() + "); repeat the "
                    + "request once Kafka is back: it changes nothing twice and announces again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BookinfoProblem(BookinfoProblem.Kind.NOT_ANNOUNCED, "interrupted while announcing " + type);
        }
    }
}
