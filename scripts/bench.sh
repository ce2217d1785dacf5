#!/usr/bin/env bash
# Runs CareCall's benchmarks and prints every figure with its target beside it (the targets of the performance
# issue): signaling load against the production backend on PostgreSQL and a Socket.IO reference relay, idle socket
# capacity in -Xmx512m, the call setup timeline (Chromium and the console's engine), the console's render cost under
# Xvfb, and native memory over 100 calls. About 15 minutes on two cores. Exits non-zero only when it could not run;
# a missed target is a printed figure. Results also go to benchmarks/target/bench/results.md, logs beside them.
# Usage: scripts/bench.sh [--quick] [--only=signaling,capacity,timeline,render,memory]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

carecall_find_jdk
# chromium/chromium-driver: the patient page; xvfb/xauth: a display for the console; libpulse0 and the GTK/GL
# libraries: what webrtc-java and JavaFX load; npm: installs the Socket.IO relay's package.
carecall_apt_install chromium chromium-driver xvfb xauth libpulse0 libgtk-3-0 libgl1 libxxf86vm1 fonts-dejavu-core
carecall_require_maven
command -v node >/dev/null 2>&1 || carecall_apt_install nodejs
command -v npm >/dev/null 2>&1 || carecall_apt_install npm
carecall_start_postgres

cleanup() { [ -n "$carecall_xvfb_pid" ] && kill "$carecall_xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT
carecall_start_xvfb 121 150

mvn -B -ntp -q -DskipTests -Dskip.node=true -Dskip.installer=true -pl benchmarks -am package

# The reference relay's socket.io comes from the npm registry into the module's target folder (never committed).
relay=benchmarks/target/relay
mkdir -p "$relay"
cp benchmarks/src/main/node/relay/package.json benchmarks/src/main/node/relay/relay.js "$relay/"
if [ ! -d "$relay/node_modules/socket.io" ]; then
  (cd "$relay" && npm install --no-audit --no-fund --omit=dev --loglevel=error)
fi

# 10,000 sockets in the generator and as many in the backend: more descriptors than the usual default.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

java --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar "$@"
