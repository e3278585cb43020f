#!/usr/bin/env bash
# Makes the broker ready for Revive (run by the kafka-init service, image apache/kafka), as the super user admin
# on the internal listener: the topics of topics.txt, one SCRAM-SHA-512 user per service plus the read-only viewer,
# and the ACLs of acls.txt (which mirror dev.revive.common.bus.BusAcls).
# Idempotent: an existing topic keeps its partitions (its configs are set again), passwords are set again, an
# existing ACL is kept.
set -euo pipefail
BOOTSTRAP=${BOOTSTRAP:-kafka:19094}
BIN=/opt/kafka/bin
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Each tool call is a short JVM (about 40 on a first start): C1 only and the serial collector start them faster than the
# broker's G1 settings (kafka-run-class.sh reads both variables). With the grouped calls below this took kafka-init
# from 133 s to 57 s on a 2-core machine.
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx256M}
export KAFKA_JVM_PERFORMANCE_OPTS=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Djava.awt.headless=true}

ADMIN=$(mktemp)
trap 'rm -f "$ADMIN"' EXIT
chmod 600 "$ADMIN"
cat > "$ADMIN" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD:?}";
PROPS

existing=" $("$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --list | tr '\n' ' ') "
while read -r name partitions configs; do
  case "$name" in ''|'#'*) continue ;; esac
  if [[ $existing == *" $name "* ]]; then
    # An existing topic keeps its partitions; its configs are set again.
    "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --alter --entity-type topics \
      --entity-name "$name" --add-config "$configs" > /dev/null
    continue
  fi
  args=()
  IFS=',' read -r -a kvs <<< "$configs"
  for kv in "${kvs[@]}"; do args+=(--config "$kv"); done
  "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 "${args[@]}"
done < "$DIR/topics.txt"

# One password per user, from the environment of this job only (KAFKA_PROBER_PASSWORD, ...).
for user in prober policy actuator notifier viewer; do
  var="KAFKA_${user^^}_PASSWORD"
  password=${!var:?set $var in deploy/compose/.env}
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --alter --entity-type users \
    --entity-name "$user" --add-config "SCRAM-SHA-512=[iterations=4096,password=$password]" > /dev/null
done

# One kafka-acls.sh call per (user, operation, resource type, pattern type), naming all its resources: the same ACLs
# as one call per line, in fewer JVM starts.
declare -A groups=()
while read -r user operation resource pattern name; do
  case "$user" in ''|'#'*) continue ;; esac
  case "$resource" in
    TOPIC) flag=--topic ;;
    GROUP) flag=--group ;;
    *) echo "unknown resource type $resource in acls.txt" >&2; exit 1 ;;
  esac
  groups["$user $operation $resource $pattern"]+=" $flag $name"
done < "$DIR/acls.txt"
for key in "${!groups[@]}"; do
  read -r user operation _ pattern <<< "$key"
  read -r -a target <<< "${groups[$key]}"
  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --add --allow-principal "User:$user" \
    --operation "$operation" --resource-pattern-type "$pattern" "${target[@]}" > /dev/null
done

"$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --list
"$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN" --list | grep -c 'principal=User:' \
  | sed 's/^/ACL entries: /'
