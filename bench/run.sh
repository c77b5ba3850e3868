#!/usr/bin/env bash
# The benchmarks of issue 8 in one command: builds, generates a province (`demo generate --scale province`) into a fresh
# SQLite file and into a throwaway PostgreSQL server, runs bench/SpecializedTowns.Bench against each and prints the tables
# (also written to bench/results/). Not part of ./test.sh: a run takes several minutes and wants a quiet machine.
#
#   bench/run.sh                      # province scale, SQLite and PostgreSQL
#   bench/run.sh --only sqlite        # one provider
#   bench/run.sh --scale national     # PostgreSQL only: 5,000,000 enterprises (generation takes a while)
#   bench/run.sh --iterations 50
set -euo pipefail
cd "$(dirname "$0")/.."
scale=province; only=""; iterations=30
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$scale" = national ] && only=postgresql

password='Bench#2024pass'
work=$(mktemp -d /tmp/st-bench-XXXXXX)
mkdir -p bench/results
stamp=$(date -u +%Y%m%d-%H%M)

echo "== build (Release)"
dotnet build SpecializedTowns.slnx -c Release -v q -nologo >/dev/null
cli="dotnet src/SpecializedTowns.Cli/bin/Release/net10.0/SpecializedTowns.Cli.dll"
web=src/SpecializedTowns.Web/bin/Release/net10.0/SpecializedTowns.Web.dll
bench="dotnet bench/SpecializedTowns.Bench/bin/Release/net10.0/SpecializedTowns.Bench.dll"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"

if [ -z "$only" ] || [ "$only" = sqlite ]; then
  echo "== SQLite: generate $scale"
  /usr/bin/time -f "generation: %e s, peak %M KB" $cli demo generate --scale "$scale" --password "$password" --connection "Data Source=$work/bench.db"
  echo "== SQLite: benchmarks"
  $bench --provider Sqlite --connection "Data Source=$work/bench.db" --web "$web" --password "$password" --iterations "$iterations" \
    --scale "$scale" --out "bench/results/$stamp-$scale-sqlite.md" 2> >(grep -v '^\[web\]' >&2)
fi

if [ -z "$only" ] || [ "$only" = postgresql ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ]; then echo "PostgreSQL is not installed (apt-get install postgresql): skipped" >&2; exit 0; fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  chown postgres:postgres "$work" 2>/dev/null || true
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as_pg "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -t 60 \
    -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c work_mem=32MB -c max_wal_size=4GB -c synchronous_commit=off" start >/dev/null
  trap 'as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
  cs="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench;Command Timeout=0"
  echo "== PostgreSQL: generate $scale"
  /usr/bin/time -f "generation: %e s, peak %M KB" $cli demo generate --scale "$scale" --password "$password" --provider PostgreSql --connection "$cs"
  # The generation leaves gigabytes of dirty buffers; written out now, not by a checkpoint in the middle of the pages
  # (12-06: 企业名录 by name p95 216 ms in such a run, 93 ms on the same data once written out).
  as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d bench -qc "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null
  echo "== PostgreSQL: benchmarks"
  $bench --provider PostgreSql --connection "$cs" --web "$web" --password "$password" --iterations "$iterations" \
    --scale "$scale" --out "bench/results/$stamp-$scale-postgresql.md" 2> >(grep -v '^\[web\]' >&2)
else
  rm -rf "$work"
fi
