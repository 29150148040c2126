package io.graylane.traffic.domain;

/** Builds RE2 expressions, the syntax Envoy uses for Istio's regex matches. */
final class Re2 {

    private static final String META = "\\.+*?()|[]{}^$";

    private Re2() {
    }

    /** {@code text} as a literal inside an RE2 expression. */
    static String literal(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (META.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
