#!/usr/bin/env bash
# Builds the console's Linux packages from target/jpackage/input (the console jar and lib/, copied by Maven):
# a lean Java runtime (jlink), an app image and a .deb (jpackage). Run by Maven in the package phase.
# Usage: package-linux.sh <jpackage dir> <version>     (CARECALL_JDK or JAVA_HOME: a JDK 25)
set -euo pipefail

dir=$1
version=$2
jdk=${CARECALL_JDK:-${JAVA_HOME:?set JAVA_HOME to a JDK 25}}
here=$(cd "$(dirname "$0")" && pwd)
input=$dir/input

# JDK modules that jdeps cannot see because they are only looked up at run time (service loaders, locale data,
# charsets). EC crypto and TLS live in java.base since JDK 22, so jdk.crypto.ec is not needed.
runtime_extras=jdk.charsets,jdk.localedata,jdk.crypto.cryptoki

# Native libraries the console loads from its jars (JavaFX on GTK 3, webrtc-java with PulseAudio and udev for
# devices): jpackage only sees the libraries of the runtime, so these are declared by hand. The t64 alternatives
# are the names on Debian 13 / Ubuntu 24.04.
package_deps="libgtk-3-0 | libgtk-3-0t64, libgl1, libxxf86vm1, libxcomposite1, libxrandr2, libpulse0, libudev1"

rm -rf "$dir/runtime" "$dir/CareCall" "$dir"/*.deb

start=$SECONDS
# Every jar is a root (the class path is flat), so the union of what they use is kept.
modules=$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
  "$input/desktop-console.jar" "$input"/lib/*.jar)
modules="$modules,$runtime_extras"
echo "CareCall installer: runtime modules $modules"

# Only the English, German, French, Italian and Spanish locale data: the whole of jdk.localedata is 40 MB.
"$jdk/bin/jlink" --add-modules "$modules" --include-locales=en,de,fr,it,es \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$dir/runtime"

# The launcher runs dev.carecall.console.Main from the class path (not the JavaFX Application subclass, which
# would need JavaFX on the module path); JavaFX and webrtc-java load native code through JNI. The example settings
# file lands in /opt/carecall-console/lib/examples, never in /etc: the package must not own the file IT writes.
"$jdk/bin/jpackage" --type app-image --dest "$dir" \
  --name CareCall --app-version "$version" \
  --vendor "CareCall" --copyright "CareCall" \
  --description "CareCall video consultations: the doctor's console" \
  --icon "$here/CareCall.png" \
  --input "$input" --main-jar desktop-console.jar --main-class dev.carecall.console.Main \
  --runtime-image "$dir/runtime" \
  --java-options "--enable-native-access=ALL-UNNAMED" \
  --app-content "$here/examples"

"$jdk/bin/jpackage" --type deb --dest "$dir" \
  --name CareCall --app-version "$version" --app-image "$dir/CareCall" \
  --vendor "CareCall" --copyright "CareCall" \
  --description "CareCall video consultations: the doctor's console" \
  --icon "$here/CareCall.png" \
  --linux-package-name carecall-console \
  --linux-deb-maintainer it@carecall.example \
  --linux-app-category net \
  --linux-menu-group "Network;VideoConference;" \
  --linux-shortcut \
  --linux-package-deps "$package_deps"

deb=$(ls "$dir"/carecall-console_*.deb)
echo "CareCall installer: $(basename "$deb") $(du -h "$deb" | cut -f1) (installed $(du -sh "$dir/CareCall" | cut -f1)," \
  "runtime $(du -sh "$dir/runtime" | cut -f1)), built in $((SECONDS - start)) s"
