package dev.revive.notifier.api;

import java.sql.SQLException;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import dev.revive.notifier.channel.Redaction;
import dev.revive.notifier.ledger.Delivery;
import dev.revive.notifier.ledger.DeliveryLedger;
import dev.revive.notifier.security.ApiKeyFilter;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Read-only view of the delivery ledger, for operators (and tests): what became of a notification. Needs an API key
 * (viewer or more); recipients are shown in full to admins only.
 */
@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Authorization: Bearer <API key>; keys are configured as <sha256hex>:viewer|operator|admin")
@SecurityRequirement(name = "apiKey")
public class DeliveryResource {

    private final DeliveryLedger ledger;

    DeliveryResource(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("/{notificationId}")
    public List<Delivery> byNotification(@PathParam("notificationId") String notificationId, @Context ContainerRequestContext ctx)
            throws SQLException {
        List<Delivery> rows = ledger.find(notificationId);
        if (rows.isEmpty()) {
            throw new NotFoundException("no delivery of " + notificationId);
        }
        if ("admin".equals(ctx.getProperty(ApiKeyFilter.ROLE))) {
            return rows;
        }
        return rows.stream().map(d -> d.withRecipient(Redaction.forViewer(d.channel(), d.recipient()),
                Redaction.scrub(d.channel(), d.recipient(), d.lastError()))).toList();
    }
}
