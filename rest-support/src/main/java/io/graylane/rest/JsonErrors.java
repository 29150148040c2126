package io.graylane.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.graylane.events.release.Violation;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Says in plain words which field of a request body Jackson could not read, and why. */
final class JsonErrors {

    /** The field name used when the body as a whole is at fault. */
    static final String BODY = "body";

    private JsonErrors() {
    }

    static Violation describe(JsonProcessingException e) {
        StreamConstraintsException limit = limit(e);
        if (limit != null) {
            return new Violation(e instanceof JsonMappingException mapping ? path(mapping) : BODY, tooLong(limit));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new Violation(path(unknown), "unknown field '" + unknown.getPropertyName() + "'; expected one of "
                    + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")));
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return new Violation(path(invalid), "'" + invalid.getValue() + "' is not one of "
                    + constants(invalid.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return new Violation(path(mismatched), expected(mismatched.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                && !e.getOriginalMessage().startsWith("Trailing token")) {
            return new Violation(BODY, "must be a JSON object");
        }
        return new Violation(BODY, "malformed JSON" + at(e.getLocation()) + ": " + plain(e.getOriginalMessage()));
    }

    /** "String value length (2048) exceeds the maximum allowed (1024, ...)" in plain words. */
    private static String tooLong(StreamConstraintsException limit) {
        String message = limit.getOriginalMessage();
        Matcher numbers = Pattern.compile("\\((\\d+)").matcher(message);
        String what = message.startsWith("Name") ? "a field name" : message.startsWith("String") ? "a string"
                : "a value";
        if (numbers.find()) {
            String length = numbers.group(1);
            if (numbers.find()) {
                return what + " of " + length + " characters, over the limit of " + numbers.group(1) + " characters";
            }
        }
        return plain(message);
    }

    /** A string or field name over the configured length, however Jackson wrapped it. */
    private static StreamConstraintsException limit(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.length() == 0 ? BODY : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type.isEnum()) {
            return "must be one of " + constants(type);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "must be an object" : "has the wrong type";
    }

    private static String constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's message without its notes on where the input came from, which say nothing to a user. */
    private static String plain(String message) {
        int note = message.indexOf(" (start marker at");
        String kept = note < 0 ? message : message.substring(0, note);
        int source = kept.indexOf("\n at [Source");
        return (source < 0 ? kept : kept.substring(0, source)).trim();
    }
}
