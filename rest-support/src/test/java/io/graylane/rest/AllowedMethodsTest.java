package io.graylane.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedMethodsTest {

    @Path("/api/v1/namespaces/{namespace}/things")
    static class Things {
        @GET
        public void list() {
        }

        @POST
        public void create() {
        }

        @GET
        @Path("{name}")
        public void get() {
        }

        @PUT
        @Path("{name}/traffic")
        public void change() {
        }
    }

    @Test
    void readsTheMethodsOfEachPathFromTheResources() {
        AllowedMethods allowed = new AllowedMethods(new ApiResources(List.of(Things.class)));

        assertThat(allowed.at("/api/v1/namespaces/demo/things")).isEqualTo("GET, POST");
        assertThat(allowed.at("/api/v1/namespaces/demo/things/")).isEqualTo("GET, POST");
        assertThat(allowed.at("/api/v1/namespaces/demo/things/canary")).isEqualTo("GET");
        assertThat(allowed.at("/api/v1/namespaces/demo/things/canary/traffic")).isEqualTo("PUT");
        assertThat(allowed.at("/elsewhere")).isEmpty();
    }
}
