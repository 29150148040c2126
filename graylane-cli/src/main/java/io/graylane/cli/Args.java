package io.graylane.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Options as {@code --name value}, {@code --flag} or {@code -n namespace}; anything unknown is a failure. */
final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final List<String> words = new ArrayList<>();

    /**
     * @param flags options without a value
     * @param options options with a value ({@code -n} is {@code --namespace})
     */
    Args(List<String> args, Set<String> flags, Set<String> options) {
        for (int i = 0; i < args.size(); i++) {
            String arg = "-n".equals(args.get(i)) ? "--namespace" : args.get(i);
            if (!arg.startsWith("--")) {
                words.add(arg);
            } else if (flags.contains(arg)) {
                values.put(arg, "true");
            } else if (options.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new Failure(arg + " needs a value");
                }
                values.put(arg, args.get(++i));
            } else {
                throw new Failure("unknown option " + arg + "; known: " + String.join(" ", flags) + " "
                        + String.join(" ", options));
            }
        }
    }

    List<String> words() {
        return words;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Integer integer(String name) {
        String value = values.get(name);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new Failure(name + " wants a whole number, not '" + value + "'");
        }
    }

    Double number(String name) {
        String value = values.get(name);
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new Failure(name + " wants a number, not '" + value + "'");
        }
    }
}
