package io.graylane.events.bookinfo;

import java.util.List;

/**
 * Bookinfo is deployed in a namespace: data of {@code io.graylane.bookinfo.deployed.v1}, sent after every
 * deploy request, also one that changed nothing ({@code changes} empty).
 *
 * @param generation counts the deploys and removals of Bookinfo in the namespace; a consumer acts on the newest
 * @param workloads the Deployments as now deployed
 * @param changes what this deploy created or updated
 */
public record BookinfoDeployed(String namespace, long generation, List<BookinfoWorkload> workloads,
        List<ObjectChange> changes) {
}
