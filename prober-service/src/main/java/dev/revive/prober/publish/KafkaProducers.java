package dev.revive.prober.publish;

import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.revive.common.bus.KafkaConnection;

/** The one producer of a prober (results, metrics, dead letters): durable and idempotent, lightly batched. */
public final class KafkaProducers {

    private KafkaProducers() {
    }

    public static KafkaProducer<String, byte[]> create(String bootstrapServers, String clientId) {
        return create(KafkaConnection.plaintext(bootstrapServers), clientId);
    }

    public static KafkaProducer<String, byte[]> create(KafkaConnection kafka, String clientId) {
        Properties p = kafka.properties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
