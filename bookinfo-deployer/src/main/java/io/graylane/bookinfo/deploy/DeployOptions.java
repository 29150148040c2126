package io.graylane.bookinfo.deploy;

import io.graylane.bookinfo.InvalidRequest;
import io.graylane.events.release.Names;
import io.graylane.events.release.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * What to deploy: version v1 of every service (the tutorial's starting point) or, with {@code allVersions},
 * also reviews v2 and v3 as Istio's file has them; images from {@code images}, with its registry or tag
 * replaced when given.
 */
public record DeployOptions(boolean allVersions, ImageSet images, String registry, String tag) {

    public static final DeployOptions TUTORIAL = new DeployOptions(false, ImageSet.kubesphere, null, null);

    /** The options of a request body; every field may be absent. */
    public static DeployOptions of(Request request) {
        if (request == null) {
            return TUTORIAL;
        }
        List<Violation> errors = new ArrayList<>();
        ImageSet images = ImageSet.kubesphere;
        if (request.images() != null) {
            try {
                images = ImageSet.valueOf(request.images());
            } catch (IllegalArgumentException e) {
                errors.add(new Violation("images", "'" + request.images() + "' is not an image set; use "
                        + "'kubesphere' (KubeSphere's tutorial images) or 'istio' (Istio's)"));
            }
        }
        DeployOptions options = new DeployOptions(Boolean.TRUE.equals(request.allVersions()), images,
                request.registry(), request.tag());
        if (request.registry() != null && !Names.isImageReference(options.image("reviews", "v1"))) {
            errors.add(new Violation("registry", "'" + request.registry() + "' does not make a valid image "
                    + "reference; give a registry and path like 'docker.io/istio' or 'my.registry:5000/bookinfo'"));
        } else if (request.tag() != null && !Names.isImageReference(options.image("reviews", "v1"))) {
            errors.add(new Violation("tag", "'" + request.tag() + "' is not a valid image tag: letters, digits, "
                    + "'_', '.' and '-', at most 128, not starting with '.' or '-'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return options;
    }

    /** The image of one version of one service. */
    public String image(String service, String version) {
        return (registry != null ? registry : images.registry()) + "/examples-bookinfo-" + service + "-" + version
                + ":" + (tag != null ? tag : images.tag());
    }

    /** The body of a deploy request. */
    public record Request(Boolean allVersions, String images, String registry, String tag) {
    }
}
