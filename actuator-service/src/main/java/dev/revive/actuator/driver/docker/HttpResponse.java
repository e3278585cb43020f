package dev.revive.actuator.driver.docker;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP response: status, headers (names lower-cased) and the whole body. */
public record HttpResponse(int status, String reason, Map<String, String> headers, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
