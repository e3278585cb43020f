package dev.revive.notifier.api;

import static dev.revive.notifier.support.Requests.email;
import static dev.revive.notifier.support.Requests.id;
import static dev.revive.notifier.support.Requests.opened;
import static dev.revive.notifier.support.Requests.to;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.DeliveryReceipt;
import dev.revive.notifier.OnRealInfrastructure;
import dev.revive.notifier.support.Requests;
import io.quarkus.test.junit.QuarkusTest;

/** The delivery ledger over REST lists recipients: it needs an API key, and only an admin sees them in full. */
@QuarkusTest
class DeliveriesApiIT extends OnRealInfrastructure {

    static final String VIEWER = "Bearer test-viewer-key";
    static final String ADMIN = "Bearer test-admin-key";

    @Test
    void reading_a_delivery_needs_an_api_key_and_shows_recipients_in_full_to_admins_only() {
        String admin = email();
        var request = opened(id(), "t-" + id(), to(Channel.EMAIL, admin));
        Requests.publish(topics, request);
        assertThat(Requests.receipt(topics, request.notificationId()).status()).isEqualTo(DeliveryReceipt.Status.DELIVERED);
        String path = "/deliveries/" + request.notificationId();

        given().when().get(path).then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").when().get(path).then().statusCode(401);
        String shown = given().header("Authorization", VIEWER).when().get(path).then().statusCode(200).extract().jsonPath()
                .getString("[0].recipient");
        assertThat(shown).isEqualTo("…@example.test");
        assertThat(given().header("Authorization", ADMIN).when().get(path).then().statusCode(200).extract().jsonPath()
                .getString("[0].recipient")).isEqualTo(admin);
    }

    @Test
    void the_openapi_document_declares_the_bearer_scheme() {
        String doc = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(doc).contains("\"apiKey\"", "\"bearer\"");
    }
}
