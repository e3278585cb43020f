package dev.revive.prober.hostagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.revive.common.contract.HostMetrics;
import dev.revive.testkit.RealMoto;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * PutMetricData against moto's state: what the host agent publishes is read back through the SDK (ListMetrics,
 * GetMetricData). The exact requests stay in {@link CloudWatchPublisherTest} (WireMock). This passes only while the
 * SDK's CloudWatch client speaks the AWS Query protocol, the one moto 5.1.1 parses (ADR 0013): an SDK that switches
 * CloudWatch to JSON 1.0 or Smithy RPC v2 CBOR turns it red. Skips when the emulator's root is absent (fails with
 * REVIVE_REQUIRE_MOTO=1).
 */
class MotoCloudWatchIT {

    static final String NAMESPACE = "Revive/Host";
    static final String INSTANCE = "i-0123456789abcdef0";

    CloudWatchClient client;
    CloudWatchPublisher publisher;

    @BeforeEach
    void emptyAccount() {
        Assumptions.assumeTrue(RealMoto.available(), RealMoto::why);
        RealMoto.reset();
        client = CloudWatchClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1)
                .endpointOverride(RealMoto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDTESTONLY", "test-secret-not-real")))
                .build();
        publisher = new CloudWatchPublisher(client, NAMESPACE, 3);
    }

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    static HostMetrics sample(Instant at) {
        return new HostMetrics("m1", "web-1", "host", INSTANCE, at, List.of(
                new HostMetrics.PortStates(80, Map.of("ESTABLISHED", 12, "TIME_WAIT", 3)),
                new HostMetrics.PortStates(443, Map.of("ESTABLISHED", 7, "FIN_WAIT1", 1, "SYN_RECV", 2))));
    }

    static List<Dimension> dims(int port, String state) {
        return List.of(Dimension.builder().name("InstanceId").value(INSTANCE).build(),
                Dimension.builder().name("Port").value(Integer.toString(port)).build(),
                Dimension.builder().name("State").value(state).build());
    }

    @Test
    void every_port_and_state_becomes_a_metric_moto_lists_with_its_dimensions() {
        int calls = publisher.publish(sample(Instant.now().truncatedTo(ChronoUnit.SECONDS)), INSTANCE);

        assertThat(calls).isEqualTo(2); // 5 data in batches of 3
        var metrics = client.listMetrics(r -> r.namespace(NAMESPACE).metricName(CloudWatchPublisher.METRIC)
                .dimensions(DimensionFilter.builder().name("InstanceId").value(INSTANCE).build())).metrics();
        assertThat(metrics).hasSize(5).allSatisfy(m -> assertThat(m.namespace()).isEqualTo(NAMESPACE));
        assertThat(metrics).extracting(Metric::dimensions).containsExactlyInAnyOrder(dims(80, "ESTABLISHED"),
                dims(80, "TIME_WAIT"), dims(443, "ESTABLISHED"), dims(443, "FIN_WAIT1"), dims(443, "SYN_RECV"));
        assertThat(client.listMetrics(r -> r.namespace("Other/Namespace")).metrics()).isEmpty();
    }

    @Test
    void get_metric_data_returns_the_published_counts_per_port_and_state() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publisher.publish(sample(at), INSTANCE);

        GetMetricDataResponse r = client.getMetricData(q -> q.startTime(at.minus(5, ChronoUnit.MINUTES))
                .endTime(at.plus(5, ChronoUnit.MINUTES)).metricDataQueries(
                        query("est80", 80, "ESTABLISHED"), query("est443", 443, "ESTABLISHED"),
                        query("fin443", 443, "FIN_WAIT1"), query("none", 8080, "ESTABLISHED")));

        Map<String, List<Double>> byId = r.metricDataResults().stream()
                .collect(java.util.stream.Collectors.toMap(MetricDataResult::id, MetricDataResult::values));
        assertThat(byId).containsEntry("est80", List.of(12.0)).containsEntry("est443", List.of(7.0))
                .containsEntry("fin443", List.of(1.0));
        assertThat(byId.get("none")).as("a port never published").isEmpty();
    }

    @Test
    void a_second_sample_adds_to_the_same_metric() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publisher.publish(sample(at), INSTANCE);
        publisher.publish(sample(at), INSTANCE);

        var stats = client.getMetricStatistics(q -> q.namespace(NAMESPACE).metricName(CloudWatchPublisher.METRIC)
                .dimensions(dims(80, "TIME_WAIT")).startTime(at.minus(5, ChronoUnit.MINUTES))
                .endTime(at.plus(5, ChronoUnit.MINUTES)).period(600)
                .statistics(software.amazon.awssdk.services.cloudwatch.model.Statistic.SUM,
                        software.amazon.awssdk.services.cloudwatch.model.Statistic.SAMPLE_COUNT));
        assertThat(stats.datapoints()).hasSize(1);
        assertThat(stats.datapoints().get(0).sum()).isEqualTo(6.0);
        assertThat(stats.datapoints().get(0).sampleCount()).isEqualTo(2.0);
        assertThat(stats.datapoints().get(0).unitAsString()).isEqualTo("Count");
    }

    static MetricDataQuery query(String id, int port, String state) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.stat("Sum").period(60)
                .metric(m -> m.namespace(NAMESPACE).metricName(CloudWatchPublisher.METRIC).dimensions(dims(port, state))))
                .build();
    }
}
