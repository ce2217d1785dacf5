#!/usr/bin/env bash
# Runs every test of CareCall: unit tests, the backend against H2 and PostgreSQL, the patient page's Node tests,
# the JavaFX console under Xvfb, the browser end-to-end tests in Chromium and Firefox ESR, and the installer's .deb test.
# Usage: scripts/test.sh [extra maven arguments], e.g. scripts/test.sh -Dskip.postgres=true
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

carecall_find_jdk
# chromium/chromium-driver and firefox-esr: the patient page's browser tests (Firefox through WebDriver BiDi, no
# driver); pulseaudio: a private sound server with a null sink, so Firefox can play the speaker test and run its
# sound engine; redis-server: where several backend instances meet; coturn/nginx: the production-topology tests
# start their own TURN server and TLS proxy (never the system services); nftables/iproute2/socat: the tests' network namespaces (a patient behind NAT, a blocked network);
# xvfb/xauth: a display for JavaFX and the installed console; x11-utils/xdotool/imagemagick: the installer test reads
# and photographs that window; fakeroot/binutils: jpackage's .deb (which depends on xdg-utils); the
# GTK/GL/X/udev/PulseAudio libraries: what JavaFX and webrtc-java load (and the .deb depends on).
carecall_apt_install chromium chromium-driver firefox-esr pulseaudio xvfb xauth x11-utils xdotool xdg-utils imagemagick \
  fonts-dejavu-core fakeroot binutils libpulse0 libgtk-3-0 libgl1 libxxf86vm1 libxcomposite1 libxrandr2 libudev1 \
  coturn nginx nftables iproute2 socat redis-server
carecall_require_maven
command -v node >/dev/null 2>&1 || carecall_apt_install nodejs
# npm comes with some Node packages (NodeSource's) and is its own package in Debian.
command -v npm >/dev/null 2>&1 || carecall_apt_install npm

# PostgreSQL is a service on these machines; the PostgreSQL tests fail, not skip, without it.
carecall_start_postgres
# Several backend instances meet at Redis (RoomsAcrossInstancesIT, RedisDownIT, SeveralInstancesIT).
carecall_start_redis

# The JavaFX and installer tests need a display: a private Xvfb unless one is already given.
cleanup() { [ -n "$carecall_xvfb_pid" ] && kill "$carecall_xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT
carecall_start_xvfb 90 120

mvn -B -ntp verify "$@"
