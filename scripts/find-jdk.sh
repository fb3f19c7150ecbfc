# Sourced by ./junction and .ci/run. Exports JAVA_HOME pointing at a JDK >= 21: $JAVA_HOME if new enough,
# else `java` on PATH if new enough, else the newest /usr/lib/jvm/*/bin/java. Exits 2 with advice when none.
java_major() {   # $1 = a java binary; prints 8, 17, 21, 25, ...
  local v
  v=$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n1) || return 1
  [ -n "$v" ] || return 1
  v=${v#1.}
  echo "${v%%[.+_-]*}"
}
find_java_home() {
  local min=${1:-21} m best="" bestm=0 j
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    m=$(java_major "$JAVA_HOME/bin/java"); [ "${m:-0}" -ge "$min" ] && { echo "$JAVA_HOME"; return 0; }
  fi
  if j=$(command -v java 2>/dev/null); then
    m=$(java_major "$j")
    if [ "${m:-0}" -ge "$min" ]; then j=$(readlink -f "$j"); echo "${j%/bin/java}"; return 0; fi
  fi
  for j in /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] || continue
    m=$(java_major "$j"); [ "${m:-0}" -gt "$bestm" ] && { bestm=$m; best=${j%/bin/java}; }
  done
  [ "$bestm" -ge "$min" ] && { echo "$best"; return 0; }
  return 1
}
if ! JAVA_HOME=$(find_java_home 21); then
  echo "junction: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm)." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ build, or set JAVA_HOME." >&2
  exit 2
fi
export JAVA_HOME
