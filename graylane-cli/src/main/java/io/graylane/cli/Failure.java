package io.graylane.cli;

/** Something the user asked for did not happen; the message says what and what to do. */
final class Failure extends RuntimeException {

    Failure(String message) {
        super(message);
    }
}
