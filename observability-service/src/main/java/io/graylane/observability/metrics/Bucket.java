package io.graylane.observability.metrics;

import io.graylane.observability.mesh.Workload;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What was observed in one slice of time: requests received per workload, calls per edge, pods seen. */
final class Bucket {

    final Map<Workload, RequestStats> received = new HashMap<>();
    final Map<Call, RequestStats> calls = new HashMap<>();
    /** Calls Zipkin's dependency linker would count: both sides seen, by Zipkin service name. */
    final Map<ServiceLink, long[]> links = new HashMap<>();
    final Map<Workload, Set<String>> pods = new HashMap<>();
    long lastWrite;
    /** Entries of received, calls and links: what the metrics' byte budget counts. */
    int cells;
}
