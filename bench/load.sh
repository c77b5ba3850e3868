#!/usr/bin/env bash
# Load over the main pages and the API as one signed-in user: wrk, 50 connections, bounded in time, against this machine only.
#   bench/load.sh [base-url] [duration]        e.g. bench/load.sh http://127.0.0.1:5080 120s
# Environment: LOAD_USER (default yuncheng-office), LOAD_PASSWORD (default the demo password Demo#2024pass),
#              LOAD_CONNECTIONS (50), LOAD_THREADS (2).
# Prints requests/s, p50/p90/p99 latency and the errors; exits non-zero on any error (a status outside 2xx/3xx, a bounce to
# the sign-in page, a socket error or timeout).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base="${1:-http://127.0.0.1:5080}"
duration="${2:-120s}"
user="${LOAD_USER:-yuncheng-office}"
password="${LOAD_PASSWORD:-Demo#2024pass}"
connections="${LOAD_CONNECTIONS:-50}"
threads="${LOAD_THREADS:-2}"
base="${base%/}"

host=$(printf '%s' "$base" | sed -E 's#^https?://(\[[^]]*\]|[^/:]+).*#\1#')
case "$host" in
  127.0.0.1|localhost|"[::1]") ;;
  *) echo "load.sh runs against this machine only (127.0.0.1 or localhost), not “$host”" >&2; exit 2 ;;
esac
case "$duration" in *[0-9]s|*[0-9]m|*[0-9]) ;; *) echo "duration like 120s or 2m" >&2; exit 2 ;; esac
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

jar=$(mktemp); trap 'rm -f "$jar"' EXIT
curl -fsS "$base/healthz" >/dev/null || { echo "$base/healthz does not answer 200" >&2; exit 1; }

# Sign in as a browser does: the form's antiforgery token and its cookie, then the sign-in cookie.
form=$(curl -fsS -c "$jar" -b "$jar" "$base/Account/Login")
token=$(printf '%s' "$form" | sed -nE 's/.*name="__RequestVerificationToken" type="hidden" value="([^"]+)".*/\1/p' | head -n 1)
[ -n "$token" ] || { echo "no antiforgery token on the sign-in page" >&2; exit 1; }
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "UserName=$user" --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$token" \
  "$base/Account/Login")
grep -q 'st\.auth' "$jar" && [ "$status" = 302 ] || { echo "sign-in as $user failed (HTTP $status)" >&2; exit 1; }
cookie=$(awk -F '\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")

get() { curl -fsS -b "$jar" "$base$1"; }
town=$(get /Towns | grep -oE '/Towns/Detail/[0-9]+' | head -n 1)
project=$(get /Projects | grep -oE '/Projects/Detail/[0-9]+' | head -n 1)
problem=$(get /Problems | grep -oE '/Problems/Detail/[0-9]+' | head -n 1)
paths="/ /Towns ${town} /Enterprises /Projects ${project} /Tasks /Problems ${problem} /Reports /Notices /Evaluations
  /api/v1/towns /api/v1/projects /api/v1/problems /api/v1/tasks /api/v1/enterprises /api/v1/reports"
# Every path answers 200 before the run, so an error in the run is the load's, not a wrong URL.
for p in $paths; do
  code=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" "$base$p")
  [ "$code" = 200 ] || { echo "$p answers $code before the load" >&2; exit 1; }
done

echo "== wrk: $connections connections, $threads threads, $duration, signed in as $user, $(echo $paths | wc -w) paths, against $base"
out=$(LOAD_COOKIE="$cookie" LOAD_PATHS="$paths" wrk -t "$threads" -c "$connections" -d "$duration" --timeout 10s --latency \
  -s "$here/load.lua" "$base")
echo "$out"
errors=$(printf '%s\n' "$out" | sed -nE 's/^LOAD_ERRORS=([0-9]+)$/\1/p')
[ "${errors:-1}" = 0 ]
