package io.graylane.events.release;

import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules of content-based match blocks, the way Istio and Envoy will read them. */
final class MatchRules {

    /** Istio matches header names in lowercase: an RFC 9110 token without uppercase letters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** RFC 6265 cookie-octet: no controls, whitespace, '"', ',', ';' or '\'. */
    private static final Pattern COOKIE_VALUE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]+");

    /** Each block becomes an Istio route ahead of the split: a few are a release, hundreds a misuse. */
    static final int MAX_BLOCKS = 16;

    void validate(List<Violation> found, List<HttpMatch> matches) {
        if (matches.isEmpty()) {
            found.add(new Violation("traffic.matches", "must not be empty: give at least one match block"));
        }
        if (matches.size() > MAX_BLOCKS) {
            found.add(new Violation("traffic.matches", "at most " + MAX_BLOCKS + " match blocks, got "
                    + matches.size()));
            return;
        }
        for (int i = 0; i < matches.size(); i++) {
            block(found, "traffic.matches[" + i + "]", matches.get(i));
        }
    }

    private void block(List<Violation> found, String field, HttpMatch match) {
        if (match == null || isEmpty(match)) {
            found.add(new Violation(field, "a match block needs at least one of headers, uri, queryParams,"
                    + " method, cookie, clientOs"));
            return;
        }
        headers(found, field + ".headers", match);
        stringMatch(found, field + ".uri", match.uri());
        queryParams(found, field + ".queryParams", match.queryParams());
        stringMatch(found, field + ".method", match.method());
        cookie(found, field + ".cookie", match.cookie());
        clientOs(found, field + ".clientOs", match.clientOs());
    }

    /** Whether {@code text} holds a C0 control character or DEL, which no HTTP header, path or query carries. */
    static boolean hasControl(String text) {
        return text != null && text.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }

    /** A name as it may be shown in a field path: control characters as \\uXXXX. */
    private static String printable(String name) {
        StringBuilder shown = new StringBuilder();
        name.chars().forEach(c -> shown.append(c < 0x20 || c == 0x7F ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return shown.toString();
    }

    private static boolean isEmpty(HttpMatch match) {
        return match.headers() == null && match.uri() == null && match.queryParams() == null
                && match.method() == null && match.cookie() == null && match.clientOs() == null;
    }

    private void headers(List<Violation> found, String field, HttpMatch match) {
        Map<String, StringMatch> headers = match.headers();
        if (headers == null) {
            return;
        }
        if (headers.isEmpty()) {
            found.add(new Violation(field, "must name at least one header, or be left out"));
        }
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                found.add(new Violation(field + "." + printable(name), "header names must be lowercase HTTP"
                        + " tokens, e.g. 'end-user' (Istio matches header names in lowercase)"));
            }
            required(found, field + "." + printable(name), value);
        });
        sharedHeader(found, field, headers, "cookie", match.cookie() != null, "'cookie'");
        sharedHeader(found, field, headers, "user-agent", match.clientOs() != null, "'clientOs'");
    }

    /** Two conditions on one header cannot both be written into a single Istio header match. */
    private static void sharedHeader(List<Violation> found, String field, Map<String, StringMatch> headers,
            String header, boolean otherSet, String other) {
        if (otherSet && headers.containsKey(header)) {
            found.add(new Violation(field + "." + header, "conflicts with " + other + " in the same block: both"
                    + " match the " + header + " header; put them in separate blocks or keep one"));
        }
    }

    private void queryParams(List<Violation> found, String field, Map<String, StringMatch> params) {
        if (params == null) {
            return;
        }
        if (params.isEmpty()) {
            found.add(new Violation(field, "must name at least one query parameter, or be left out"));
        }
        params.forEach((name, value) -> {
            if (name.isBlank()) {
                found.add(new Violation(field, "query parameter names must not be empty"));
            } else if (hasControl(name)) {
                found.add(new Violation(field + "." + printable(name), "query parameter names must not hold"
                        + " control characters (NUL, newline, ...)"));
            }
            required(found, field + "." + printable(name), value);
        });
    }

    private static void cookie(List<Violation> found, String field, CookieMatch cookie) {
        if (cookie == null) {
            return;
        }
        if (cookie.name() == null || !COOKIE_NAME.matcher(cookie.name()).matches()) {
            found.add(new Violation(field + ".name", "is required: a cookie name (RFC 6265 token), got "
                    + quoted(cookie.name())));
        }
        if (cookie.value() == null || !COOKIE_VALUE.matcher(cookie.value()).matches()) {
            found.add(new Violation(field + ".value", "is required: a cookie value without spaces, quotes, commas,"
                    + " semicolons or backslashes, got " + quoted(cookie.value())));
        }
    }

    private static void clientOs(List<Violation> found, String field, List<ClientOs> systems) {
        if (systems == null) {
            return;
        }
        if (systems.isEmpty() || systems.contains(null)) {
            found.add(new Violation(field, "must list one or more of Windows, macOS, Linux, Android, iOS"));
        }
    }

    /** A match a map names: null there is not "no condition" but a mistake. */
    private void required(List<Violation> found, String field, StringMatch match) {
        if (match == null) {
            found.add(new Violation(field, "must be a match: {\"exact\": ...}, {\"prefix\": ...} or"
                    + " {\"regex\": ...}, not null"));
            return;
        }
        stringMatch(found, field, match);
    }

    void stringMatch(List<Violation> found, String field, StringMatch match) {
        if (match == null) {
            return;
        }
        int set = count(match.exact()) + count(match.prefix()) + count(match.regex());
        if (set != 1) {
            found.add(new Violation(field, "must have exactly one of 'exact', 'prefix', 'regex', it has " + set));
        } else if (isEmptyString(match.exact()) || isEmptyString(match.prefix()) || isEmptyString(match.regex())) {
            found.add(new Violation(field, "the value to match must not be empty"));
        } else if (hasControl(match.exact()) || hasControl(match.prefix()) || hasControl(match.regex())) {
            found.add(new Violation(field, "the value to match must not hold control characters (NUL, newline,"
                    + " ...): no HTTP request carries them"));
        } else if (match.regex() != null) {
            regex(found, field + ".regex", match.regex());
        }
    }

    private static void regex(List<Violation> found, String field, String regex) {
        try {
            com.google.re2j.Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            found.add(new Violation(field, "is not a valid RE2 regular expression: " + e.getDescription()
                    + " (Envoy uses RE2: no lookaround or backreferences)"));
        }
    }

    private static int count(String value) {
        return value == null ? 0 : 1;
    }

    private static boolean isEmptyString(String value) {
        return value != null && value.isEmpty();
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
