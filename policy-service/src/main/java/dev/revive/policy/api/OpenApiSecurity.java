package dev.revive.policy.api;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Declares the API-key scheme ({@code Authorization: Bearer <key>}) and requires it everywhere but on the notification
 * links, which carry their own signed token: Swagger UI then offers "Authorize".
 */
public class OpenApiSecurity implements OASFilter {

    public static final String SCHEME = "apiKey";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("API key")
                .description("An API key of revive.api-keys: viewer reads, operator also writes, admin also /admin and "
                        + "sees secrets (probe header values, webhook URLs)."));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                if (path.startsWith("/links")) {
                    item.getOperations().values().forEach(op -> op.setSecurity(List.of()));
                }
            });
        }
    }
}
