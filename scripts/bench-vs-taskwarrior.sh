#!/usr/bin/env bash
# Time `hygiene status --json` against taskwarrior's `task overdue` on the
# same 10,000 items (1,000 tools × 10 checks; the same due dates, about half
# overdue), as whole processes, alternating the two, and print the medians
# and the ratio. Also times the realistic personal set (20 tools) with its
# peak memory. Run by hand, not in CI:
#
#   scripts/bench-vs-taskwarrior.sh [RUNS]
#
# Installs taskwarrior (and hyperfine, for the personal set) with apt-get
# when they are missing. Everything happens in a temporary folder; your own
# hygiene and taskwarrior files are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-60}
seed=2026
today=$(date +%F)

need=()
command -v task >/dev/null || need+=(taskwarrior)
command -v hyperfine >/dev/null || need+=(hyperfine)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release --locked -q
cargo build --release --locked -q --example dataset
bin=$PWD/target/release/hygiene
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One seed, both data sets: the example writes hygiene's files and tasks.json.
target/release/examples/dataset "$work/big" 1000 "$seed" "$today" >/dev/null
target/release/examples/dataset "$work/small" 20 "$seed" "$today" >/dev/null
export TASKRC="$work/taskrc" TASKDATA="$work/task"
mkdir -p "$TASKDATA"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\ngc=off\nhooks=off\n' "$TASKDATA" > "$TASKRC"
task import "$work/big/tasks.json" >/dev/null 2>&1
export HYGIENE_TODAY=$today
overdue=$(HYGIENE_CONFIG="$work/big/config.toml" HYGIENE_STATE="$work/big/state.toml" "$bin" status --json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["overdue"])' || true)
echo "taskwarrior $(task --version): $(task count status:pending) pending tasks, $(task +OVERDUE count) overdue; hygiene: $overdue overdue"
python3 - "$bin" "$work" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
bin, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
env = dict(os.environ, HYGIENE_CONFIG=f"{work}/big/config.toml", HYGIENE_STATE=f"{work}/big/state.toml")
def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000
hygiene, task = [bin, "status", "--json"], ["task", "overdue"]
for _ in range(5):  # warm the page cache for both
    timed(hygiene); timed(task)
h, t = [], []
for _ in range(runs):  # alternate, so both see the same machine
    h.append(timed(hygiene)); t.append(timed(task))
mh, mt = statistics.median(h), statistics.median(t)
print(f"10,000 items, {runs} runs each, alternating:")
print(f"  hygiene status --json  median {mh:6.1f} ms  (min {min(h):.1f}, max {max(h):.1f})")
print(f"  task overdue           median {mt:6.1f} ms  (min {min(t):.1f}, max {max(t):.1f})")
print(f"  hygiene is {mt / mh:.1f} times faster")
PY

echo "20 tools (200 items):"
HYGIENE_CONFIG="$work/small/config.toml" HYGIENE_STATE="$work/small/state.toml" \
  hyperfine -N -i --warmup 10 --runs 200 --style basic "$bin status --json" 2>/dev/null | grep -E "Time|Range"
HYGIENE_CONFIG="$work/small/config.toml" HYGIENE_STATE="$work/small/state.toml" \
  /usr/bin/time -f "  peak memory %M KB" "$bin" status --json 2>&1 >/dev/null | grep peak
