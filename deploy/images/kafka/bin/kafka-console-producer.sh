#!/usr/bin/env bash
# As upstream's kafka-console-producer.sh.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.ConsoleProducer "$@"
