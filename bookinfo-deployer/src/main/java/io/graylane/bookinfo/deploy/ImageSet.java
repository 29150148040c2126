package io.graylane.bookinfo.deploy;

/**
 * Where Bookinfo's images come from: {@code <registry>/examples-bookinfo-<service>-<version>:<tag>}.
 * Constants are spelled as in requests.
 */
public enum ImageSet {
    /** KubeSphere's copies, the images of its tutorial. */
    kubesphere("kubesphere", "1.13.0"),
    /** Istio's own, as in Istio 1.30.3's bookinfo.yaml. */
    istio("registry.istio.io/release", "1.20.3");

    private final String registry;
    private final String tag;

    ImageSet(String registry, String tag) {
        this.registry = registry;
        this.tag = tag;
    }

    public String registry() {
        return registry;
    }

    public String tag() {
        return tag;
    }
}
