package io.graylane.observability.mesh;

/**
 * The outcome of a request by HTTP status class. An error is a 5xx or no response; a 4xx is the client's
 * doing and is counted on its own, as Flagger does (Kiali counts 4xx as errors too).
 */
public enum StatusClass {
    S2XX, S3XX, S4XX, S5XX, NO_RESPONSE;

    public static StatusClass of(int status) {
        if (status >= 200 && status < 300) {
            return S2XX;
        }
        if (status >= 300 && status < 400) {
            return S3XX;
        }
        if (status >= 400 && status < 500) {
            return S4XX;
        }
        return status >= 500 && status < 600 ? S5XX : NO_RESPONSE;
    }

    public boolean isError() {
        return this == S5XX || this == NO_RESPONSE;
    }
}
