#!/usr/bin/env bash
# As upstream's kafka-configs.sh.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.ConfigCommand "$@"
