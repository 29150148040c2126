package io.graylane.events.release;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a rollout writes them: {@code 30s}, {@code 5m}, {@code 1h}, {@code 1m30s}. */
public final class StepDuration {

    public static final String RULE = "a duration such as 30s, 5m, 1h or 1m30s";
    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?(?:(\\d{1,6})s)?");

    private StepDuration() {
    }

    public static boolean isValid(String text) {
        return text != null && !text.isEmpty() && FORM.matcher(text).matches();
    }

    /** The duration in milliseconds; {@link IllegalArgumentException} for text not of the form. */
    public static long parseMillis(String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text);
        if (text == null || text.isEmpty() || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + RULE);
        }
        return 1000L * (3600 * part(matcher, 1) + 60 * part(matcher, 2) + part(matcher, 3));
    }

    private static long part(Matcher matcher, int group) {
        return matcher.group(group) == null ? 0 : Long.parseLong(matcher.group(group));
    }
}
