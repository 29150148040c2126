package io.graylane.bookinfo;

import io.graylane.events.release.Violation;
import java.util.List;

/** A request that cannot be used as it is; answered 400 with the fields at fault. */
public final class InvalidRequest extends RuntimeException {

    private final List<Violation> errors;

    public InvalidRequest(List<Violation> errors) {
        super(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields cannot be used: " + errors.stream().map(Violation::field).toList());
        this.errors = List.copyOf(errors);
    }

    public List<Violation> errors() {
        return errors;
    }
}
