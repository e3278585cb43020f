package dev.revive.prober.hostagent;

import java.util.ArrayList;
import java.util.List;

import dev.revive.common.contract.HostMetrics;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Sends host metrics to CloudWatch: metric {@code TcpConnections}, one datum per port and state, dimensions
 * InstanceId, Port and State, in batches of at most {@code batchSize} data per PutMetricData call.
 */
public final class CloudWatchPublisher implements AutoCloseable {

    public static final String METRIC = "TcpConnections";

    private final CloudWatchClient client;
    private final String namespace;
    private final int batchSize;

    public CloudWatchPublisher(CloudWatchClient client, String namespace, int batchSize) {
        this.client = client;
        this.namespace = namespace;
        this.batchSize = Math.max(1, batchSize);
    }

    /** Publishes one sample; returns the number of PutMetricData calls made. */
    public int publish(HostMetrics m, String instanceId) {
        List<MetricDatum> data = new ArrayList<>();
        for (HostMetrics.PortStates ps : m.ports()) {
            ps.states().forEach((state, count) -> data.add(MetricDatum.builder()
                    .metricName(METRIC)
                    .timestamp(m.at())
                    .unit(StandardUnit.COUNT)
                    .value((double) count)
                    .dimensions(Dimension.builder().name("InstanceId").value(instanceId).build(),
                            Dimension.builder().name("Port").value(Integer.toString(ps.port())).build(),
                            Dimension.builder().name("State").value(state).build())
                    .build()));
        }
        int calls = 0;
        for (int i = 0; i < data.size(); i += batchSize) {
            client.putMetricData(PutMetricDataRequest.builder().namespace(namespace)
                    .metricData(data.subList(i, Math.min(data.size(), i + batchSize))).build());
            calls++;
        }
        return calls;
    }

    @Override
    public void close() {
        client.close();
    }
}
