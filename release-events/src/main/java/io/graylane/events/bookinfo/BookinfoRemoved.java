package io.graylane.events.bookinfo;

import java.util.List;

/**
 * What bookinfo-deployer had created in a namespace is gone: data of {@code io.graylane.bookinfo.removed.v1}.
 *
 * @param generation counts the deploys and removals of Bookinfo in the namespace; a consumer acts on the newest
 * @param changes the objects deleted (empty when nothing was left)
 */
public record BookinfoRemoved(String namespace, long generation, List<ObjectChange> changes) {
}
