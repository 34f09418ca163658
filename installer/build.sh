#!/usr/bin/env bash
# Builds the self-contained Histoseek app image (installer/target/histoseek) or a .deb from it.
#   installer/build.sh app-image   -> installer/target/histoseek/bin/histoseek
#   installer/build.sh deb         -> installer/target/histoseek_<version>_amd64.deb
# Needs JDK 25 (JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64) and, for the jars, Maven.
set -euo pipefail
kind="${1:-app-image}"
installer="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(dirname "$installer")"
target="$installer/target"
packaging="$installer/src/main/packaging"
image="$target/histoseek"

jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -x "$jdk/bin/jpackage" ]] || jdk=/usr/lib/jvm/temurin-25-jdk-amd64
[[ -x "$jdk/bin/jpackage" ]] || { echo "build.sh: needs a JDK 25 with jpackage (set JAVA_HOME)" >&2; exit 1; }

# JDK modules the app needs (java.sql: SQLite; java.desktop: AWT images, JNA; java.net.http: model
# download; jdk.unsupported: eclipse-collections; jdk.incubator.vector: HNSW distances; jdk.zipfs:
# checkpoint zips) plus the JavaFX modules from the -linux jars.
jdk_modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.incubator.vector,jdk.management,jdk.unsupported,jdk.zipfs
fx_modules=javafx.base,javafx.graphics,javafx.controls,javafx.swing

# Builds the jars when there are none or any source or pom is newer than the app jar.
build_jars() {
  local jar="$root/app/target/histoseek-app.jar"
  if [[ ! -f "$jar" || ! -d "$root/app/target/lib" ]] \
     || [[ -n "$(find "$root/pom.xml" "$root"/{model,index,app}/pom.xml "$root"/{model,index,app}/src/main -newer "$jar" -print -quit)" ]]; then
    echo "build.sh: building the jars (mvn package -pl app -am)" >&2
    (cd "$root" && JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}" \
      mvn -B -q package -DskipTests -pl app -am)
  fi
}

app_version() {
  sed -n 's/^version=//p' "$root/app/target/classes/histoseek-version.properties"
}

build_app_image() {
  build_jars
  local version stage
  version="$(app_version)"
  stage="$target/jpackage-stage"
  rm -rf "$stage" "$image"
  mkdir -p "$stage/input" "$stage/modules"
  cp "$root/app/target/histoseek-app.jar" "$stage/input/"
  for jar in "$root"/app/target/lib/*.jar; do
    case "$(basename "$jar")" in
      javafx-*-linux.jar) cp "$jar" "$stage/modules/" ;;
      javafx-*) ;; # the platform-less javafx jars are empty shells; the -linux ones are the modules
      *) cp "$jar" "$stage/input/" ;;
    esac
  done

  # -Dai.djl.offline and the classpath are decided per run by bin/histoseek (see the wrapper), and
  # the memory settings (heap size, exit on out of memory, HISTOSEEK_JAVA_OPTS) by run-jvm.sh, which
  # both launchers share; the options here are only what every run needs.
  "$jdk/bin/jpackage" --type app-image --dest "$target" --name histoseek \
    --app-version "$version" --vendor Histoseek \
    --description "Find morphologically similar tissue across a local whole-slide image archive" \
    --icon "$packaging/histoseek.png" \
    --input "$stage/input" --main-jar histoseek-app.jar --main-class io.histoseek.app.Main \
    --module-path "$stage/modules" --add-modules "$jdk_modules,$fx_modules" \
    --jlink-options "--strip-native-commands --strip-debug --no-man-pages --no-header-files --compress=zip-6" \
    --java-options "-Xss4m --enable-native-access=ALL-UNNAMED,javafx.graphics --add-modules jdk.incubator.vector" \
    2> >(grep -v 'No JDK Modules found' >&2)

  install_wrapper
  rm -rf "$stage"
  echo "app image: $image ($(du -sh "$image" | cut -f1))"
}

# jpackage's native launcher cannot filter the JVM's incubator notice or choose the classpath, so
# bin/histoseek becomes a small script; the native launcher moves to lib/ (it finds its
# lib/app/<name>.cfg and lib/runtime relative to its own parent folder, which stays the image root).
install_wrapper() {
  local cfg="$image/lib/app/histoseek.cfg"
  mv "$image/bin/histoseek" "$image/lib/histoseek-jvm"
  # Offline: bundled CPU natives, DJL never touches the network.
  cp "$cfg" "$image/lib/app/histoseek-jvm.cfg"
  printf 'java-options=-Dai.djl.offline=true\n' >> "$image/lib/app/histoseek-jvm.cfg"
  # Online (HISTOSEEK_ALLOW_DOWNLOAD=1): without the CPU native jar DJL downloads the natives that
  # fit this machine (CUDA when an NVIDIA driver is present) into ~/.djl.ai on first use.
  cp "$image/lib/histoseek-jvm" "$image/lib/histoseek-jvm-online"
  grep -v 'pytorch-native-cpu' "$cfg" > "$image/lib/app/histoseek-jvm-online.cfg"
  rm "$cfg"
  install -m 755 "$packaging/histoseek-wrapper.sh" "$image/bin/histoseek"
  install -m 755 "$packaging/run-jvm.sh" "$image/lib/run-jvm.sh"
  install -m 644 "$packaging/stderr-filter.pl" "$image/lib/stderr-filter.pl"
}

build_deb() {
  build_app_image
  local version
  version="$(app_version)"
  rm -f "$target"/histoseek_*.deb
  # jpackage adds what the runtime's own libraries link (libx11-6, libxtst6, libasound2, ...) and
  # xdg-utils for the menu entry. It cannot see libopenslide0 (loaded by name through FFM) nor
  # what JavaFX needs (its natives sit inside jars): libgtk-3-0, fontconfig and a font (JavaFX
  # aborts with none). PyTorch's CPU natives bring their own libgomp. Our resource-dir adds the
  # desktop entry's name and a /usr/bin/histoseek link (postinst/prerm).
  DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}" \
  "$jdk/bin/jpackage" --type deb --dest "$target" --app-image "$image" --name histoseek \
    --app-version "$version" --vendor Histoseek \
    --description "Find morphologically similar tissue across a local whole-slide image archive" \
    --icon "$packaging/histoseek.png" \
    --resource-dir "$packaging/deb" \
    --linux-package-name histoseek --linux-deb-maintainer "histoseek@localhost" \
    --linux-menu-group "Science;MedicalSoftware;" --linux-app-category science --linux-shortcut \
    --linux-package-deps "libopenslide0, libgtk-3-0, fontconfig, fonts-dejavu-core" \
    2> >(grep -v 'No JDK Modules found' >&2)
  ls -la "$target"/histoseek_*.deb
}

case "$kind" in
  app-image) build_app_image ;;
  deb) build_deb ;;
  *) echo "usage: installer/build.sh app-image|deb" >&2; exit 2 ;;
esac
