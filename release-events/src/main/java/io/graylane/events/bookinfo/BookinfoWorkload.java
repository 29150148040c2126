package io.graylane.events.bookinfo;

/**
 * One Deployment of the Bookinfo sample.
 *
 * @param name the Deployment, e.g. {@code reviews-v1}
 * @param service the Service it serves, e.g. {@code reviews}
 * @param version its {@code version} label, e.g. {@code v1}
 * @param image the image of its container
 */
public record BookinfoWorkload(String name, String service, String version, String image) {
}
