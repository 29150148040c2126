package io.graylane.bookinfo.api;

import io.graylane.bookinfo.InvalidRequest;
import io.graylane.bookinfo.traffic.TrafficRequest;
import io.graylane.bookinfo.traffic.TrafficRuns;
import io.graylane.bookinfo.traffic.TrafficView;

import io.graylane.events.release.Violation;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Traffic through Bookinfo in a namespace: real requests to the product page, or a simulated mesh. */
@Path("/api/v1/namespaces/{namespace}/bookinfo/traffic")
@Produces(MediaType.APPLICATION_JSON)
public class TrafficResource {

    private final TrafficRuns runs;
    private final OptionalBody optional;

    TrafficResource(TrafficRuns runs, OptionalBody optional) {
        this.runs = runs;
        this.optional = optional;
    }

    @POST
    @Operation(summary = "Start requesting the product page (replacing a run in progress); 201 with the tally")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrafficRequest.class)))
    public Response start(@PathParam("namespace") String namespace,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body, UriInfo uri)
            throws JsonProcessingException {
        TrafficRequest read = optional.read(contentType, body, TrafficRequest.class);
        TrafficRequest request = read == null ? new TrafficRequest(null, null, null, null, null, null, null) : read;
        List<Violation> errors = request.violations(runs.mode());
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        TrafficView view = runs.start(namespace, request);
        return Response.created(uri.getRequestUri()).entity(view).build();
    }

    @GET
    @Operation(summary = "The tally of the namespace's run: requests per reviews version, failures, spans sent")
    public Response tally(@PathParam("namespace") String namespace, UriInfo uri) {
        return runs.view(namespace).map(view -> Response.ok(view).build())
                .orElseGet(() -> noRun(namespace, uri));
    }

    @DELETE
    @Operation(summary = "Stop the namespace's run; answers its final tally")
    public Response stop(@PathParam("namespace") String namespace, UriInfo uri) {
        return runs.stop(namespace).map(view -> Response.ok(view).build())
                .orElseGet(() -> noRun(namespace, uri));
    }

    private static Response noRun(String namespace, UriInfo uri) {
        return DeployerProblems.NO_TRAFFIC_RUN.answer("no traffic has run in namespace '" + namespace
                + "' since bookinfo-deployer started; start it with POST " + uri.getPath(), uri);
    }
}
