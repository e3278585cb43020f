package dev.revive.policy.capability;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.revive.common.contract.ActuatorCapabilities;

/** What the actuators can run (names and parameters only), as the target checks see it. A read. */
@Path("/capabilities")
@Produces(MediaType.APPLICATION_JSON)
public class CapabilitiesResource {

    @Inject
    Capabilities capabilities;

    @GET
    public Map<String, Object> list() {
        Collection<ActuatorCapabilities> all = capabilities.all();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("heard", capabilities.heard());
        out.put("actuators", all);
        return out;
    }
}
