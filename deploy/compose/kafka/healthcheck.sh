#!/usr/bin/env bash
# The kafka service's healthcheck: the broker answers the super user on the internal listener.
set -euo pipefail
props=$(mktemp)
trap 'rm -f "$props"' EXIT
cat > "$props" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${REVIVE_KAFKA_ADMIN_PASSWORD:?}";
PROPS
/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server kafka:19094 --command-config "$props" > /dev/null 2>&1
