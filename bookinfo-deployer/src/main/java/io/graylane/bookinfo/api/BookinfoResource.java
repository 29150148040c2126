package io.graylane.bookinfo.api;

import io.graylane.bookinfo.deploy.BookinfoDeployer;
import io.graylane.bookinfo.deploy.BookinfoStatus;
import io.graylane.bookinfo.deploy.DeployOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Bookinfo in a namespace: deploy, status, removal. */
@Path("/api/v1/namespaces/{namespace}/bookinfo")
@Produces(MediaType.APPLICATION_JSON)
public class BookinfoResource {

    private final BookinfoDeployer deployer;
    private final OptionalBody optional;

    BookinfoResource(BookinfoDeployer deployer, OptionalBody optional) {
        this.deployer = deployer;
        this.optional = optional;
    }

    @POST
    @Operation(summary = "Deploy Bookinfo (idempotent): v1 of every service with KubeSphere's images unless the "
            + "body says otherwise; the namespace is created and labelled for sidecar injection")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeployOptions.Request.class)))
    public BookinfoDeployer.Deployed deploy(@PathParam("namespace") String namespace,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) throws JsonProcessingException {
        return deployer.deploy(namespace,
                DeployOptions.of(optional.read(contentType, body, DeployOptions.Request.class)));
    }

    @GET
    @Operation(summary = "Each Bookinfo workload with its desired and ready replicas, and the Istio objects made")
    public BookinfoStatus status(@PathParam("namespace") String namespace) {
        return deployer.status(namespace);
    }

    @DELETE
    @Operation(summary = "Delete what bookinfo-deployer made in the namespace (by its label); the namespace stays")
    public BookinfoDeployer.Removed undeploy(@PathParam("namespace") String namespace) {
        return deployer.undeploy(namespace);
    }
}
