#!/usr/bin/env bash
# kafka-run-class.sh CLASS ARGS...: the Kafka jars of /opt/kafka/libs. KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS
# (default upstream's G1 settings) and KAFKA_OPTS as upstream's script reads them.
set -euo pipefail
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true} \
  ${KAFKA_OPTS:-} -cp "/opt/kafka/libs/*" "$@"
