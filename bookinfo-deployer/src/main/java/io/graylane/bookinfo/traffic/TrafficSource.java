package io.graylane.bookinfo.traffic;

/** Makes the requests of a traffic run, one at a time. */
public interface TrafficSource {

    /** One request for the product page. */
    Outcome request();

    /** Sends whatever was gathered since the last call; called once a second and at the end of the run. */
    default void flush() {
    }
}
