#!/bin/sh
# Test stand-in for a restart: counts its runs per command in $1/<command id> and says what it did.
mkdir -p "$1"
echo "run of $REVIVE_COMMAND_ID for $REVIVE_TARGET_ID" >> "$1/$REVIVE_COMMAND_ID"
echo "restarted $REVIVE_TARGET_ID"
