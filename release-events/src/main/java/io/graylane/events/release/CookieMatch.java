package io.graylane.events.release;

/** One exact cookie pair ({@code name=value}) among the request's cookies. */
public record CookieMatch(String name, String value) {
}
