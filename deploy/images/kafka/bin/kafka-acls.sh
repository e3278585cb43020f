#!/usr/bin/env bash
# As upstream's kafka-acls.sh.
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.AclCommand "$@"
