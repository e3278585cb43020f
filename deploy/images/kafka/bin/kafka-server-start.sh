#!/usr/bin/env bash
# As upstream's kafka-server-start.sh: a 1 GiB heap unless KAFKA_HEAP_OPTS says otherwise.
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$@"
