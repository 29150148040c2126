package io.graylane.bookinfo.deploy;

/** A request that cannot be carried out as things are; the message says what to do. */
public final class BookinfoProblem extends RuntimeException {

    /** What stands in the way. */
    public enum Kind {
        NAMESPACE_NOT_FOUND,
        BOOKINFO_NOT_DEPLOYED,
        ISTIO_NOT_INSTALLED,
        NOT_ANNOUNCED
    }

    private final Kind kind;

    public BookinfoProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
