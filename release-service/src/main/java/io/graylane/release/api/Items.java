package io.graylane.release.api;

import java.util.List;

/** A list answer: an object, so fields such as paging can join later without breaking clients. */
public record Items<T>(List<T> items) {
}
