package io.graylane.events.release;

import java.util.regex.Pattern;

/** Syntax of names: Kubernetes DNS-1123 labels and OCI image references. */
public final class Names {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int DNS_LABEL_MAX = 63;

    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+\\])";
    private static final Pattern DOMAIN = Pattern.compile(HOST + "(?::[0-9]+)?");
    private static final Pattern REPOSITORY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile(
            "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final int REPOSITORY_MAX = 255;

    /** What a DNS-1123 label is, for messages that refuse one. */
    public static final String DNS_LABEL_RULE = "lowercase letters, digits and '-', starting and ending with a letter"
            + " or digit, at most 63 characters";

    private Names() {
    }

    /** Lowercase alphanumerics and '-', starting and ending alphanumeric, at most 63 characters. */
    public static boolean isDnsLabel(String value) {
        return value != null && value.length() <= DNS_LABEL_MAX && DNS_LABEL.matcher(value).matches();
    }

    /**
     * An image reference as Docker and containerd parse it: {@code [registry[:port]/]path[:tag][@digest]},
     * where the first path segment is a registry only if it has a '.' or ':' or is {@code localhost}.
     */
    public static boolean isImageReference(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        String rest = value;
        int at = rest.indexOf('@');
        if (at >= 0) {
            if (!DIGEST.matcher(rest.substring(at + 1)).matches()) {
                return false;
            }
            rest = rest.substring(0, at);
        }
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            if (!TAG.matcher(rest.substring(colon + 1)).matches()) {
                return false;
            }
            rest = rest.substring(0, colon);
        }
        return isImageName(rest);
    }

    private static boolean isImageName(String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? name : name.substring(0, slash);
        boolean hasRegistry = slash >= 0
                && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (hasRegistry && !DOMAIN.matcher(first).matches()) {
            return false;
        }
        String repository = hasRegistry ? name.substring(slash + 1) : name;
        return repository.length() <= REPOSITORY_MAX && REPOSITORY.matcher(repository).matches();
    }
}
