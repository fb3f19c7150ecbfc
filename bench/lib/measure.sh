# Measuring one process and one load run: CPU time from /proc, RSS, free ports, readiness. Sourced by
# bench/run.

CLK_TCK=$(getconf CLK_TCK)

# cpu_ticks PID...: user+system CPU time of the processes, in clock ticks (fields 14 and 15 of stat).
cpu_ticks() {
  local total=0 pid f
  for pid in "$@"; do
    read -r -a f <"/proc/$pid/stat" || continue
    total=$((total + f[13] + f[14]))
  done
  echo "$total"
}

# rss_mb PID: resident set size now, in MB.
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# hwm_mb PID: the highest resident set size so far, in MB.
hwm_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# free_port: a loopback port nothing listens on.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}

# wait_ready URL SECONDS NAME: polls until URL answers 2xx; fails with NAME's log path otherwise.
wait_ready() {
  local url=$1 secs=$2 name=$3 i
  for ((i = 0; i < secs * 10; i++)); do
    curl -sf -o /dev/null "$url" && return 0
    sleep 0.1
  done
  echo "bench: $name did not answer $url within ${secs}s" >&2
  return 1
}

# median: the median of the numbers on stdin (one per line); "-" when there are none.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# timing_series URL BODY COUNT [HEADER...]: COUNT sequential POSTs on one connection; prints one line
# "ttfb_ms total_ms" per request (the first, which opens the connection, is left out).
timing_series() {
  local url=$1 body=$2 count=$3; shift 3
  local hdr=() urls=() h i
  for h in "$@"; do hdr+=(-H "$h"); done
  for ((i = 0; i <= count; i++)); do urls+=("$url"); done
  curl -s -o /dev/null -w '%{stderr}%{time_starttransfer} %{time_total}\n' -H 'Content-Type: application/json' \
      -H "Authorization: Bearer ${BENCH_KEY:-bench-not-a-key}" "${hdr[@]}" --data-binary "@$body" "${urls[@]}" 2>&1 >/dev/null \
    | awk 'NR > 1 { printf "%.3f %.3f\n", $1 * 1000, $2 * 1000 }'
}

# event_gaps URL BODY [HEADER...]: streams once and prints the milliseconds between consecutive
# content events (data lines with non-empty "content") as they reach the client. Only timestamps are
# taken while reading, so the reader itself never delays an event.
event_gaps() {
  local url=$1 body=$2; shift 2
  local hdr=() h line
  for h in "$@"; do hdr+=(-H "$h"); done
  curl -sN -H 'Content-Type: application/json' -H "Authorization: Bearer ${BENCH_KEY:-bench-not-a-key}" "${hdr[@]}" \
      --data-binary "@$body" "$url" | while IFS= read -r line; do
    case $line in *'"content":"'[!\"]*) printf '%s\n' "$EPOCHREALTIME" ;; esac
  done | awk 'NR > 1 { printf "%.1f\n", ($1 - prev) * 1000 } { prev = $1 }'
}

# thread_ticks PID: CPU ticks per thread group of a JVM, one "group ticks" line each: requests
# (virtual-thread carriers), jit, gc, ledger (the usage writer), other.
thread_ticks() {
  local t f comm
  for t in /proc/"$1"/task/*; do
    read -r -a f <"$t/stat" 2>/dev/null || continue
    read -r comm <"$t/comm" 2>/dev/null || continue
    case $comm in
      ForkJoinPool*) echo "requests $((f[13] + f[14]))" ;;
      C1\ Compiler*|C2\ Compiler*) echo "jit $((f[13] + f[14]))" ;;
      VM\ Thread|GC*) echo "gc $((f[13] + f[14]))" ;;
      junction-usage*) echo "ledger $((f[13] + f[14]))" ;;
      *) echo "other $((f[13] + f[14]))" ;;
    esac
  done | awk '{ s[$1] += $2 } END { for (g in s) print g, s[g] }' | sort
}
