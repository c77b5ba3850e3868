#!/usr/bin/env bash
# Every test: builds the solution and runs all test projects. PostgreSQL tests start their own
# throwaway server from Debian's postgresql package (or use TEST_POSTGRES_CONNECTION).
set -uo pipefail
cd "$(dirname "$0")"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# Every web host a test starts would otherwise watch its appsettings files, one inotify instance each; with the three
# projects side by side that ran into the per-user limit (128) and hosts failed to start. Tests never edit those files.
export DOTNET_hostBuilder__reloadConfigOnChange=false

dotnet build SpecializedTowns.slnx -c Release -nologo -v q 2>&1 | tee "$logs/build.log"
status=${PIPESTATUS[0]}
[ "$status" -ne 0 ] && { echo "build failed"; exit "$status"; }

# Every test project the solution lists, all at once: the browser tests mostly wait on Chromium and the web tests mostly
# on the databases, so side by side they finish minutes sooner than one after the other (dotnet test on the solution ran
# them in turn).
mapfile -t projects < <(grep -oE 'tests/[^"]+\.csproj' SpecializedTowns.slnx)
pids=()
for p in "${projects[@]}"; do
  dotnet test "$p" -c Release --no-build > "$logs/$(basename "$p" .csproj).log" 2>&1 &
  pids+=($!)
done
for i in "${!projects[@]}"; do
  wait "${pids[$i]}" || status=1
  echo "== ${projects[$i]}"
  cat "$logs/$(basename "${projects[$i]}" .csproj).log"
done

# One closing line for any reader of the log: the sums over all test projects.
cat "$logs"/SpecializedTowns.*.log | awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }'
if grep -q "No test is available" "$logs"/SpecializedTowns.*.log; then echo "a test project ran no test"; status=1; fi
if [ "$(cat "$logs"/SpecializedTowns.*.log | grep -cE '(Passed|Failed)! +- +Failed:')" -ne "${#projects[@]}" ]; then
  echo "a test project did not report its results"; status=1
fi
exit "$status"
