#!/usr/bin/env bash
# As upstream's kafka-console-consumer.sh.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.consumer.ConsoleConsumer "$@"
