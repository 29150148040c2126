package io.graylane.rest;

import io.graylane.events.EventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** What every Graylane service injects: the clock (UTC) and the CloudEvents codec. */
public class ServiceBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
