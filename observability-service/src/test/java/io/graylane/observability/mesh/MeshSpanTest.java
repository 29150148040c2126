package io.graylane.observability.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;

class MeshSpanTest {

    @Test
    void readsIstiosConventions() {
        MeshSpan client = MeshSpan.of(Span.newBuilder().traceId("1").id("2").kind(Span.Kind.CLIENT)
                .localEndpoint(Endpoint.newBuilder().serviceName("productpage.bookinfo").build())
                .putTag("upstream_cluster", "outbound|9080|v2|reviews.bookinfo.svc.cluster.local")
                .putTag("http.status_code", "503")
                .putTag("node_id", "sidecar~10.244.0.25~productpage-v1-6f89b6c557-sg2bc.bookinfo~bookinfo.svc.cluster.local")
                .build());

        assertThat(client.workload()).isEqualTo(new Workload("bookinfo", "productpage", "unknown", "productpage.bookinfo"));
        assertThat(client.destination().app()).isEqualTo("reviews");
        assertThat(client.destination().version()).isEqualTo("v2");
        assertThat(client.destination().namespace()).isEqualTo("bookinfo");
        assertThat(client.pod()).isEqualTo("productpage-v1-6f89b6c557-sg2bc");
        assertThat(client.outcome()).isEqualTo(StatusClass.S5XX);
    }

    @Test
    void aSpanWithoutStatusGotNoResponse() {
        MeshSpan server = MeshSpan.of(Span.newBuilder().traceId("1").id("2").kind(Span.Kind.SERVER)
                .localEndpoint(Endpoint.newBuilder().serviceName("ratings.bookinfo").build())
                .putTag("istio.canonical_revision", "v1").build());

        assertThat(server.outcome()).isEqualTo(StatusClass.NO_RESPONSE);
        assertThat(server.outcome().isError()).isTrue();
        assertThat(server.workload().version()).isEqualTo("v1");
        assertThat(MeshSpan.upstream("outbound|9080||reviews.bookinfo.svc.cluster.local").version())
                .isEqualTo("unknown");
        assertThat(MeshSpan.upstream("inbound|9080||")).isNull();
    }

    @Test
    void toleratesMalformedSidecarNames() {
        assertThat(MeshSpan.pod("sidecar~10.0.0.1~")).isNull();
        assertThat(MeshSpan.pod("router~10.0.0.1")).isNull();
        assertThat(MeshSpan.pod("sidecar~10.0.0.1~ratings-v1-abc.bookinfo")).isEqualTo("ratings-v1-abc");
        assertThat(MeshSpan.upstream("outbound|9080|v1|")).isNull();
        assertThat(MeshSpan.upstream("outbound|9080|v1")).isNull();
        assertThat(MeshSpan.upstream("outbound|9080|v1|details")).isEqualTo(
                new Workload("unknown", "details", "v1", "details.unknown"));
    }
}
