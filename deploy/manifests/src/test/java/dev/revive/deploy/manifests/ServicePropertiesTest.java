package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServicePropertiesTest {

    static final ServiceProperties SAMPLE = ServiceProperties.parse("sample", """
            quarkus.http.port=${REVIVE_SAMPLE_HTTP_PORT:8089}
            kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}
            quarkus.datasource.jdbc.max-size=2
            quarkus.mailer.from=revive@example.com
            revive.signing.keys=${REVIVE_SIGNING_KEYS}
            %dev.revive.signing.keys=${REVIVE_SIGNING_KEYS:dev:key}
            %test.revive.only-in-test=${REVIVE_TEST_ONLY}
            %prod.quarkus.mailer.host=smtp.example.com
            revive.actuator.action-timeouts."aws-reprovision"=PT30M
            """);

    @Test
    void reads_the_port_default_from_the_expression() {
        assertThat(SAMPLE.httpPort()).isEqualTo(8089);
        assertThat(SAMPLE.envVarsFor("quarkus.http.port")).containsExactly("REVIVE_SAMPLE_HTTP_PORT", "QUARKUS_HTTP_PORT");
    }

    @Test
    void accepts_referenced_vars_and_env_forms_of_present_properties_only() {
        assertThat(SAMPLE.reads("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(SAMPLE.reads("QUARKUS_DATASOURCE_JDBC_MAX_SIZE")).isTrue();
        assertThat(SAMPLE.reads("QUARKUS_MAILER_FROM")).isTrue();
        assertThat(SAMPLE.reads("QUARKUS_MAILER_HOST")).as("%prod. keys count").isTrue();
        assertThat(SAMPLE.reads("REVIVE_ACTUATOR_ACTION_TIMEOUTS__AWS_REPROVISION_")).isTrue();
        assertThat(SAMPLE.reads("QUARKUS_MAILER_PORT")).as("not in the file").isFalse();
        assertThat(SAMPLE.reads("REVIVE_NOPE")).isFalse();
    }

    @Test
    void a_run_time_expression_without_default_is_required() {
        assertThat(SAMPLE.requiredEnvVars()).containsExactly("REVIVE_SIGNING_KEYS");
        assertThat(SAMPLE.hasDatasource()).isTrue();
    }
}
