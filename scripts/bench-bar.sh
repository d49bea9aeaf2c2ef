#!/usr/bin/env bash
# `hygiene bar` against the bare process start (`hygiene --version`), side
# by side at 20 and 1,000 tools: RUNS alternating runs of each, medians and
# their ratio. The bar's cache is warm (as on every prompt but the first
# after a change); the date is the machine's own, so the time zone file is
# read as it is on a prompt.
#
#   scripts/bench-bar.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2000}
cargo build --release --locked -q
cargo build --release --locked -q --example dataset
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tools in 20 1000; do
  target/release/examples/dataset "$work/$tools" "$tools" >/dev/null
done
python3 - "$PWD/target/release/hygiene" "$work" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
bin, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def env(tools):
    e = {k: v for k, v in os.environ.items() if not k.startswith("HYGIENE_")}
    e.update(HOME=work, XDG_CACHE_HOME=f"{work}/cache",
             HYGIENE_CONFIG=f"{work}/{tools}/config.toml",
             HYGIENE_STATE=f"{work}/{tools}/state.toml")
    return e
def once(args, e):
    start = time.perf_counter()
    subprocess.run(args, env=e, stdout=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000
for tools in (20, 1000):
    e = env(tools)
    once([bin, "bar"], e)  # the first call after a change fills the cache
    bare, bar = [], []
    for _ in range(runs):
        bare.append(once([bin, "--version"], e))
        bar.append(once([bin, "bar"], e))
    b, s = statistics.median(bare), statistics.median(bar)
    print(f"{tools:5} tools: --version {b:.3f} ms, bar {s:.3f} ms (medians of {runs} alternating runs): {s / b:.3f} times the bare start")
PY
