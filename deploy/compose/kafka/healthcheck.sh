#!/usr/bin/env bash
# The kafka service's healthcheck: the broker answers the super user on the internal listener.
set -euo pipefail
# A short JVM every interval: start it fast (see create-topics.sh).
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx128M}
export KAFKA_JVM_PERFORMANCE_OPTS=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Djava.awt.headless=true}
props=$(mktemp)
trap 'rm -f "$props"' EXIT
cat > "$props" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${REVIVE_KAFKA_ADMIN_PASSWORD:?}";
PROPS
/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server kafka:19094 --command-config "$props" > /dev/null 2>&1
