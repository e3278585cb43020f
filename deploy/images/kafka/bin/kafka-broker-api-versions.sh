#!/usr/bin/env bash
# As upstream's kafka-broker-api-versions.sh.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
