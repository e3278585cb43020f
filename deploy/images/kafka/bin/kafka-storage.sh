#!/usr/bin/env bash
# As upstream's kafka-storage.sh.
exec /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool "$@"
