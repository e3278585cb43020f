#!/usr/bin/env bash
# Creates Revive's topics from topics.txt (run by the kafka-init service, image apache/kafka).
# Idempotent: an existing topic keeps its partitions; its configs are set again to the listed values.
set -euo pipefail
BOOTSTRAP=${BOOTSTRAP:-kafka:19092}
BIN=/opt/kafka/bin
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

while read -r name partitions configs; do
  case "$name" in ''|'#'*) continue ;; esac
  args=()
  IFS=',' read -r -a kvs <<< "$configs"
  for kv in "${kvs[@]}"; do args+=(--config "$kv"); done
  "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 "${args[@]}"
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --alter --entity-type topics --entity-name "$name" \
    --add-config "$configs" > /dev/null
done < "$DIR/topics.txt"

"$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --list
