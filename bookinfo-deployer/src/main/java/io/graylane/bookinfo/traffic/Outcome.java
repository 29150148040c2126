package io.graylane.bookinfo.traffic;

/**
 * What one request for the product page got.
 *
 * @param version the reviews version whose reviews the page shows ({@code v1} no stars, {@code v2} black stars,
 *     {@code v3} red stars); null when the page shows none
 * @param failure what went wrong, e.g. {@code reviews: 503 UH}; null when nothing did
 * @param mirrored the reviews version that received a copy of the request; null when none did
 */
public record Outcome(String version, String failure, String mirrored) {
}
