package io.graylane.bookinfo.api;

import io.graylane.bookinfo.InvalidRequest;
import io.graylane.bookinfo.traffic.TrafficRequest;
import io.graylane.bookinfo.traffic.TrafficRuns;
import io.graylane.bookinfo.traffic.TrafficView;

import io.graylane.events.release.Violation;
import io.graylane.rest.ProblemKind;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Traffic through Bookinfo in a namespace: real requests to the product page, or a simulated mesh. */
@Path("/api/v1/namespaces/{namespace}/bookinfo/traffic")
@Produces(MediaType.APPLICATION_JSON)
public class TrafficResource {

    private final TrafficRuns runs;

    TrafficResource(TrafficRuns runs) {
        this.runs = runs;
    }

    @POST
    @Operation(summary = "Start requesting the product page (replacing a run in progress); 201 with the tally")
    public Response start(@PathParam("namespace") String namespace, TrafficRequest body, UriInfo uri) {
        TrafficRequest request = body == null ? new TrafficRequest(null, null, null, null, null) : body;
        List<Violation> errors = request.violations(runs.mode());
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        TrafficView view = runs.start(NamespaceParam.valid(namespace), request);
        return Response.created(uri.getRequestUri()).entity(view).build();
    }

    @GET
    @Operation(summary = "The tally of the namespace's run: requests per reviews version, failures, spans sent")
    public Response tally(@PathParam("namespace") String namespace, UriInfo uri) {
        return runs.view(NamespaceParam.valid(namespace)).map(view -> Response.ok(view).build())
                .orElseGet(() -> noRun(namespace, uri));
    }

    @DELETE
    @Operation(summary = "Stop the namespace's run; answers its final tally")
    public Response stop(@PathParam("namespace") String namespace, UriInfo uri) {
        return runs.stop(NamespaceParam.valid(namespace)).map(view -> Response.ok(view).build())
                .orElseGet(() -> noRun(namespace, uri));
    }

    private static Response noRun(String namespace, UriInfo uri) {
        return DeployerProblems.NO_TRAFFIC_RUN.answer("no traffic has run in namespace '" + namespace
                + "' since bookinfo-deployer started; start it with POST " + uri.getPath(), uri);
    }
}
