package io.graylane.release.api;

import io.graylane.release.domain.ReleaseException;

/** Reads the generation out of an If-Match header; the ETag of a release is its generation. */
final class IfMatch {

    private IfMatch() {
    }

    /**
     * The generation the client expects, or {@code null} when it sets no precondition (absent or *). A weak
     * tag never matches: If-Match uses the strong comparison (RFC 9110, 13.1.1), so it fails the precondition.
     */
    static Long generation(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            throw ReleaseException.weakTag(header);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ReleaseException.invalid("If-Match", "must be the release's ETag, its generation in quotes,"
                    + " e.g. \"3\"; got " + header);
        }
    }
}
