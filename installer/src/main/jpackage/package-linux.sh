#!/usr/bin/env bash
# Builds the console's Linux packages: a lean Java runtime (jlink), an app image and a .deb (jpackage), from what Maven
# copied to <jpackage dir>/input (the console jar and lib/) and <jpackage dir>/javafx. Run by Maven (package phase).
# Usage: package-linux.sh <jpackage dir> <version>     (CARECALL_JDK or JAVA_HOME: a JDK 25)
set -euo pipefail

dir=$1
version=$2
jdk=${CARECALL_JDK:-${JAVA_HOME:?set JAVA_HOME to a JDK 25}}
here=$(cd "$(dirname "$0")" && pwd)
input=$dir/input
javafx=$dir/javafx

# JDK modules that jdeps cannot see: jdk.unsupported, which javafx.graphics requires in its module-info (jdeps reads
# classes, not module-info, of jars it analyses as roots), and what is looked up at run time: locale data for dates
# and numbers in the clinician's language, charsets beyond UTF-8 / ISO-8859-1. TLS and EC crypto live in java.base
# since JDK 22 (jdk.crypto.ec is an empty, deprecated module now).
runtime_extras=jdk.unsupported,jdk.charsets,jdk.localedata

# Native libraries the console loads from its jars (JavaFX on GTK 3, webrtc-java with PulseAudio and udev for
# devices): jpackage only sees the libraries of the runtime, so these are declared by hand. The t64 alternatives
# are the names on Debian 13 / Ubuntu 24.04.
package_deps="libgtk-3-0 | libgtk-3-0t64, libgl1, libxxf86vm1, libxcomposite1, libxrandr2, libpulse0, libudev1"

rm -rf "$dir/runtime" "$dir/CareCall" "$dir/resources" "$dir"/*.deb

start=$SECONDS
# Every jar is a root, so the runtime has every JDK module that any of them uses.
modules=$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
  "$input/desktop-console.jar" "$input"/lib/*.jar "$javafx"/*.jar)
modules="$modules,$runtime_extras"
echo "CareCall installer: runtime modules $modules"

# Only the English, German, French, Italian and Spanish locale data, not all of CLDR's.
"$jdk/bin/jlink" --add-modules "$modules" --include-locales=en,de,fr,it,es \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$dir/runtime"

# The launcher runs dev.carecall.console.Main from the class path and JavaFX from the module path (lib/javafx,
# named from $APPDIR = lib/app because an installed launcher expands $ROOTDIR to nothing), the set-up JavaFX
# supports; all of its modules, so a JavaFX module the console starts using later needs no change here. JavaFX and
# webrtc-java load native code. The example settings file lands in /opt/carecall-console/lib/examples, never in
# /etc: the package must not own the file IT writes there.
"$jdk/bin/jpackage" --type app-image --dest "$dir" \
  --name CareCall --app-version "$version" \
  --vendor "CareCall" --copyright "CareCall" \
  --description "CareCall video consultations: the doctor's console" \
  --icon "$here/CareCall.png" \
  --input "$input" --main-jar desktop-console.jar --main-class dev.carecall.console.Main \
  --runtime-image "$dir/runtime" \
  --app-content "$here/examples,$javafx" \
  --java-options '--module-path=$APPDIR/../javafx' \
  --java-options '--add-modules=ALL-MODULE-PATH' \
  --java-options '--enable-native-access=javafx.graphics,javafx.media,ALL-UNNAMED'

# jpackage's resource dir: linux/postinst and prerm replace its menu-entry scripts (see there why),
# linux/CareCall.desktop its menu entry (StartupWMClass lets docks match the window to the entry), and without
# CareCall.png there it would put its default icon over ours. gzip, not dpkg's default xz: the payload is mostly
# compressed already (jars, the runtime's modules), so xz saves 5 MB of about 60 but takes 25 s more.
rm -rf "$dir/resources" && mkdir "$dir/resources"
cp "$here"/linux/* "$here/CareCall.png" "$dir/resources/"
export DPKG_DEB_COMPRESSOR_TYPE=gzip
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
  --linux-package-deps "$package_deps" \
  --resource-dir "$dir/resources"

deb=$(ls "$dir"/carecall-console_*.deb)
echo "CareCall installer: $(basename "$deb") $(du -h "$deb" | cut -f1)" \
  "(installed $(du -sh "$dir/CareCall" | cut -f1), runtime $(du -sh "$dir/runtime" | cut -f1))," \
  "built in $((SECONDS - start)) s"
