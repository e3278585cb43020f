#!/bin/sh
# The image's entrypoint: the base image's run-java.sh where there is one (the UBI OpenJDK images: it sizes the heap
# from the container's memory limit and adds their JVM defaults), else plain java with the heap sized the same way
# (-XX:MaxRAMPercentage, the JVM reads the cgroup limit itself), e.g. on the Debian base revive/debian-jre:trixie.
# JAVA_OPTS (replaces the default sizing) and JAVA_OPTS_APPEND are honoured on both.
RUN_JAVA=/opt/jboss/container/java/run/run-java.sh
if [ -x "$RUN_JAVA" ]; then exec "$RUN_JAVA" "$@"; fi
# shellcheck disable=SC2086 # word splitting of the option strings is intended
exec java ${JAVA_OPTS:--XX:MaxRAMPercentage=80 -XX:+ExitOnOutOfMemoryError} $JAVA_OPTS_APPEND \
  -jar "${JAVA_APP_JAR:-/deployments/quarkus-run.jar}" "$@"
