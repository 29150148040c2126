package io.graylane.rest.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being served, set by {@link Authorization} before any resource method runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The verified caller; only resources marked {@link OpenEndpoint} have none. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no verified caller: is this resource an open endpoint?");
        }
        return caller;
    }
}
