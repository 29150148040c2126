package io.graylane.release.api;

/** Body of a takeover: the version that is to receive all traffic. */
public record TakeoverRequest(String version) {
}
