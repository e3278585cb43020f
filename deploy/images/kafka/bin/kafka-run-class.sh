#!/usr/bin/env bash
# kafka-run-class.sh CLASS ARGS...: the Kafka jars of /opt/kafka/libs; KAFKA_HEAP_OPTS, KAFKA_OPTS as upstream.
set -euo pipefail
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} ${KAFKA_OPTS:-} -Djava.awt.headless=true -cp "/opt/kafka/libs/*" "$@"
