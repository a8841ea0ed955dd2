#!/usr/bin/env bash
# Fetches the pinned Zeebe distribution and Redis exporter from Maven Central into the cache folder
# (outside git) and verifies them by SHA-256. Safe to run again: a verified cache is left alone.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

verify() { # verify FILE SHA256
  local got; got="$(sha256sum "$1" | cut -d' ' -f1)"
  [[ "$got" == "$2" ]] || die "checksum mismatch for $1: expected $2, got $got. Delete it and fetch again."
}

maven_copy() { # maven_copy GROUP:ARTIFACT:VERSION:TYPE[:CLASSIFIER]
  command -v mvn >/dev/null || die "Maven is needed to fetch the broker: apt-get install -y maven"
  mvn -q -B -C dependency:copy -Dartifact="$1" -DoutputDirectory="$CACHE_DIR/downloads" \
    -Dmdep.overWriteReleases=true >&2 || die "Maven could not fetch $1 from Maven Central."
}

mkdir -p "$CACHE_DIR/downloads"

tarball="$CACHE_DIR/downloads/camunda-zeebe-$ZEEBE_VERSION.tar.gz"
if [[ ! -x "$ZEEBE_HOME/bin/broker" ]]; then
  [[ -f "$tarball" ]] || { log "fetching io.camunda:camunda-zeebe:$ZEEBE_VERSION (about 210 MB)"; maven_copy "io.camunda:camunda-zeebe:$ZEEBE_VERSION:tar.gz"; }
  verify "$tarball" "$ZEEBE_SHA256"
  rm -rf "$ZEEBE_HOME.partial" && mkdir -p "$ZEEBE_HOME.partial"
  tar -xzf "$tarball" -C "$ZEEBE_HOME.partial" --strip-components=1
  rm -rf "$ZEEBE_HOME" && mv "$ZEEBE_HOME.partial" "$ZEEBE_HOME"
  log "Zeebe $ZEEBE_VERSION unpacked in $ZEEBE_HOME"
fi

if [[ ! -f "$EXPORTER_JAR" ]]; then
  log "fetching io.zeebe.redis:zeebe-redis-exporter:$REDIS_EXPORTER_VERSION (jar with dependencies)"
  maven_copy "io.zeebe.redis:zeebe-redis-exporter:$REDIS_EXPORTER_VERSION:jar:jar-with-dependencies"
  mv "$CACHE_DIR/downloads/$(basename "$EXPORTER_JAR")" "$EXPORTER_JAR"
fi
verify "$EXPORTER_JAR" "$REDIS_EXPORTER_SHA256"
