# Sourced by ./wirespeed and ./run-tests: sets JAVA_HOME to a JDK >= 25 (JAVA_HOME first, then
# /usr/lib/jvm/*), or prints one line and exits 2.
_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(_java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
JAVA_HOME=$(_find_jdk) || {
  echo "wirespeed: no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*); install one and set JAVA_HOME" >&2
  exit 2
}
export JAVA_HOME
