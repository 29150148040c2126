package io.graylane.events.bookinfo;

/** A Kubernetes object bookinfo-deployer created, updated or deleted. */
public record ObjectChange(Action action, String kind, String name) {

    /** What was done to the object. Constants are spelled as on the wire. */
    public enum Action {
        created,
        updated,
        deleted
    }

    @Override
    public String toString() {
        return action + " " + kind + " " + name;
    }
}
