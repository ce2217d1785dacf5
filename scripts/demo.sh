#!/usr/bin/env bash
# Starts the CareCall demo: the backend on http://127.0.0.1:8080 with an embedded H2 database (./data) and demo
# data, printing each appointment's patient join link. With --console it also opens the doctor's desktop console.
# Usage: scripts/demo.sh [--console]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

carecall_find_jdk
# libpulse0: webrtc-java's native library; GTK/GL: JavaFX, for --console.
carecall_apt_install libpulse0 libgtk-3-0 libgl1 libxxf86vm1 fonts-dejavu-core
carecall_require_maven

mvn -B -ntp -q -DskipTests -Dskip.node=true -Dskip.installer=true package
# The backend runs as a clinic runs it (README "Running the backend"): the same JVM options and malloc arenas.
backend_jar=(@signaling-backend/jvm.options -jar signaling-backend/target/signaling-backend.jar)
export MALLOC_ARENA_MAX=2
if [ "${1:-}" = "--console" ]; then
  java "${backend_jar[@]}" --demo &
  backend=$!
  trap 'kill $backend 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do curl -fs http://127.0.0.1:8080/api/info >/dev/null 2>&1 && break; sleep 0.2; done
  java -jar desktop-console/target/desktop-console.jar --server=http://127.0.0.1:8080 --username=demo-doctor
else
  exec java "${backend_jar[@]}" --demo
fi
