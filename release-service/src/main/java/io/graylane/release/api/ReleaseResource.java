package io.graylane.release.api;

import io.graylane.events.release.Names;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.release.domain.CreateRelease;
import io.graylane.release.domain.HistoryEntry;
import io.graylane.release.domain.Release;
import io.graylane.release.domain.ReleaseCommands;
import io.graylane.release.domain.ReleaseException;
import io.graylane.release.domain.DecisionEntry;
import io.graylane.release.rollout.RolloutJournal;
import io.graylane.release.rollout.Rollouts;
import io.graylane.release.rollout.WebhookClient;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.RolloutDecision;
import io.graylane.rest.auth.CurrentCaller;
import java.util.List;
import java.util.Optional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The release jobs of a namespace: create, read, change the traffic, take over, roll back, take offline. */
@Path("/api/v1/namespaces/{namespace}/releases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "releases")
public class ReleaseResource {

    private final ReleaseCommands commands;
    private final Rollouts rollouts;
    private final WebhookClient webhooks;
    private final CurrentCaller caller;

    ReleaseResource(ReleaseCommands commands, Rollouts rollouts, WebhookClient webhooks, CurrentCaller caller) {
        this.commands = commands;
        this.rollouts = rollouts;
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a release; it starts Pending at generation 1")
    public Response create(@PathParam("namespace") String namespace, CreateRelease request, UriInfo uri) {
        requireBody(request);
        Release release;
        try {
            release = commands.create(namespace, request, actor());
        } catch (ReleaseException e) {
            throw e.kind() == ReleaseException.Kind.RELEASE_IN_PROGRESS && e.extensions().isEmpty()
                    ? ReleaseException.inProgress(namespace, request.service(), Release.findInProgress(namespace,
                            request.service()).map(other -> other.name).orElse(null))
                    : e;
        }
        return Response.created(uri.getAbsolutePathBuilder().path(release.name).build())
                .tag(etag(release)).entity(ReleaseView.of(release)).build();
    }

    @GET
    @Operation(summary = "List releases, oldest first, optionally of one service or in one phase")
    public Items<ReleaseView> list(@PathParam("namespace") String namespace, @QueryParam("service") String service,
            @QueryParam("phase") String phase) {
        if (service != null) {
            requireLabel("service", service);
        }
        return new Items<>(Release.inNamespace(namespace, service, phase == null ? null : phase(phase)).stream()
                .map(ReleaseView::of).toList());
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return respond(Response.Status.OK, existing(namespace, name));
    }

    @PUT
    @Path("{name}/traffic")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change how traffic is split; same rules as at creation, the strategy stays")
    public Response changeTraffic(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch, TrafficPolicy traffic) {
        requireBody(traffic);
        Long expected = IfMatch.generation(ifMatch);
        return accepted(() -> commands.changeTraffic(namespace, name, expected, traffic, actor()));
    }

    @POST
    @Path("{name}/takeover")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send all traffic to one version, which becomes the governor (Take Over)")
    public Response takeOver(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch, TakeoverRequest request) {
        requireBody(request);
        Long expected = IfMatch.generation(ifMatch);
        return accepted(() -> commands.takeOver(namespace, name, expected, request.version(), actor()));
    }

    @POST
    @Path("{name}/rollback")
    @Operation(summary = "All traffic back to the baseline and the candidate removed; ends RolledBack")
    public Response rollBack(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        Long expected = IfMatch.generation(ifMatch);
        return accepted(() -> commands.rollBack(namespace, name, expected, actor()));
    }

    @POST
    @Path("{name}/offline")
    @Operation(summary = "Remove the version that lost the takeover (Job Offline); ends Completed")
    public Response takeOffline(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        Long expected = IfMatch.generation(ifMatch);
        return accepted(() -> commands.takeOffline(namespace, name, expected, actor()));
    }

    @POST
    @Path("{name}/resume")
    @Operation(summary = "Apply the same desired state anew at a new generation: ends a Contested condition, retries a failure")
    public Response resume(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        Long expected = IfMatch.generation(ifMatch);
        return accepted(() -> commands.resume(namespace, name, expected, actor()));
    }

    @POST
    @Path("{name}/pause")
    @Operation(summary = "Stop the rollout where it is; the traffic stays as it is")
    public Response pause(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        Long expected = IfMatch.generation(ifMatch);
        return accepted(() -> commands.pause(namespace, name, expected, actor()));
    }

    @POST
    @Path("{name}/approve")
    @Operation(summary = "Skip the rest of the rollout's step, or at the last step promote the candidate"
            + " (after the confirm-promotion webhooks)")
    public Response approve(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        Release release = existing(namespace, name);
        Long expected = IfMatch.generation(ifMatch);
        List<Rollout.Webhook> gates = rollouts.approvalGates(release);
        Optional<String> refusal = gates.isEmpty() ? Optional.empty()
                : webhooks.askGates(gates, RolloutJournal.call(release, "promote", "approved"));
        return accepted(() -> commands.approve(namespace, name, expected, refusal, actor()));
    }

    @POST
    @Path("{name}/abort")
    @Operation(summary = "Abort the rollout: the same rollback as POST .../rollback; the rollout ends Aborted")
    public Response abort(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        Long expected = IfMatch.generation(ifMatch);
        return accepted(() -> commands.rollBack(namespace, name, expected, actor()));
    }

    @GET
    @Path("{name}/decisions")
    @Operation(summary = "Every decision of the release's rollout (judge's or a person's), oldest first")
    public Items<RolloutDecision> decisions(@PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        Release release = existing(namespace, name);
        return new Items<>(DecisionEntry.of(release).stream().map(entry -> RolloutJournal.view(release, entry))
                .toList());
    }

    @GET
    @Path("{name}/history")
    @Operation(summary = "Every accepted change and phase change, oldest first")
    public Items<HistoryView> history(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return new Items<>(HistoryEntry.of(existing(namespace, name)).stream().map(HistoryView::of).toList());
    }

    /** The person making the change: its token's subject. */
    private String actor() {
        return caller.get().subject();
    }

    private static Response accepted(Supplier<Release> change) {
        return respond(Response.Status.ACCEPTED, change.get());
    }

    private static Response respond(Response.Status status, Release release) {
        return Response.status(status).tag(etag(release)).entity(ReleaseView.of(release)).build();
    }

    private static EntityTag etag(Release release) {
        return new EntityTag(Long.toString(release.generation));
    }

    private static Release existing(String namespace, String name) {
        return Release.findByName(namespace, name).orElseThrow(() -> ReleaseException.notFound(namespace, name));
    }

    private static ReleasePhase phase(String value) {
        try {
            return ReleasePhase.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ReleaseException.invalid("phase", "'" + value + "' is not a phase; use one of "
                    + Arrays.stream(ReleasePhase.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** Path segments that are not DNS labels cannot name a release: say so before asking the database. */
    private static void requireLabel(String field, String value) {
        if (!Names.isDnsLabel(value)) {
            throw ReleaseException.invalid(field, "'" + value + "' is not a DNS-1123 label: " + Names.DNS_LABEL_RULE);
        }
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw ReleaseException.invalid("body", "a JSON body is required");
        }
    }
}
