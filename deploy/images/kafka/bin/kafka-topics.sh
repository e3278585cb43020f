#!/usr/bin/env bash
# As upstream's kafka-topics.sh.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.TopicCommand "$@"
