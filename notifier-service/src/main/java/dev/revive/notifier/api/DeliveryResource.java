package dev.revive.notifier.api;

import java.sql.SQLException;
import java.util.List;

import dev.revive.notifier.ledger.Delivery;
import dev.revive.notifier.ledger.DeliveryLedger;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Read-only view of the delivery ledger, for operators (and tests): what became of a notification. */
@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeliveryResource {

    private final DeliveryLedger ledger;

    DeliveryResource(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("/{notificationId}")
    public List<Delivery> byNotification(@PathParam("notificationId") String notificationId) throws SQLException {
        List<Delivery> rows = ledger.find(notificationId);
        if (rows.isEmpty()) {
            throw new NotFoundException("no delivery of " + notificationId);
        }
        return rows;
    }
}
