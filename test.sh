#!/usr/bin/env bash
# Every test: builds the solution and runs all test projects. PostgreSQL tests start their own
# throwaway server from Debian's postgresql package (or use TEST_POSTGRES_CONNECTION).
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
dotnet test SpecializedTowns.slnx -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One closing line for any reader of the log: the sums over all test projects.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
if grep -q "No test is available" "$log"; then echo "a test project ran no test"; status=1; fi
rm -f "$log"
exit "$status"
