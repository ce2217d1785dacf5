#!/usr/bin/env bash
# Runs every test of CareCall: unit tests, the backend against H2 and PostgreSQL, the patient page's Node tests,
# the JavaFX console under Xvfb, the browser end-to-end tests in Chromium and Firefox ESR, and the installer's .deb test.
# Usage: scripts/test.sh [extra maven arguments], e.g. scripts/test.sh -Dskip.postgres=true
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

carecall_find_jdk
# chromium/chromium-driver and firefox-esr: the patient page's browser tests (Firefox through WebDriver BiDi, no
# driver), pulseaudio: a private sound server with a null sink, so Firefox can play the speaker test and run its
# sound engine; nftables/iproute2/socat: a test runs a browser in a network
# namespace whose firewall drops WebSockets; xvfb/xauth: a display for JavaFX and the installed
# console; x11-utils/xdotool/imagemagick: the installer test reads and photographs that window; fakeroot/binutils:
# jpackage's .deb (which depends on xdg-utils); the GTK/GL/X/udev/PulseAudio libraries: what JavaFX and webrtc-java load (and the .deb depends on).
carecall_apt_install chromium chromium-driver firefox-esr pulseaudio nftables iproute2 socat xvfb xauth x11-utils xdotool xdg-utils imagemagick fonts-dejavu-core \
  fakeroot binutils libpulse0 libgtk-3-0 libgl1 libxxf86vm1 libxcomposite1 libxrandr2 libudev1
carecall_require_maven
command -v node >/dev/null 2>&1 || carecall_apt_install nodejs
# npm comes with some Node packages (NodeSource's) and is its own package in Debian.
command -v npm >/dev/null 2>&1 || carecall_apt_install npm

# PostgreSQL is a service on these machines; start it if it is down (the PostgreSQL tests fail, not skip, without it).
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  version=$(ls /etc/postgresql 2>/dev/null | head -n 1)
  [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi

# The JavaFX and installer tests need a display: a private Xvfb unless one is already given.
xvfb_pid=""
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then
      Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
      xvfb_pid=$!
      export DISPLAY=":$n"
      break
    fi
  done
  for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${DISPLAY#:}" ] && break; sleep 0.1; done
fi

mvn -B -ntp verify "$@"
