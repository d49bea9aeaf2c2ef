#!/usr/bin/env bash
# Time from starting `hygiene` (the dashboard) in a pseudo-terminal to its
# first frame on the screen, at 20 and 1,000 tools: the median of RUNS.
#
#   scripts/bench-startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-40}
cargo build --release --locked -q
cargo build --release --locked -q --example dataset
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tools in 20 1000; do
  target/release/examples/dataset "$work/$tools" "$tools" >/dev/null
done
python3 - "$PWD/target/release/hygiene" "$work" "$runs" <<'PY'
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time
bin, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def first_frame(tools):
    env = dict(os.environ, TERM="xterm-256color", HYGIENE_TODAY="2026-11-25",
               HYGIENE_CONFIG=f"{work}/{tools}/config.toml", HYGIENE_STATE=f"{work}/{tools}/state.toml")
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(bin, [bin], env)
    out = b""
    while b"score" not in out:  # the header's score is in the first frame
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            raise SystemExit("no frame within 5 s")
        out += os.read(fd, 65536)
    took = (time.perf_counter() - start) * 1000
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    return took
for tools in (20, 1000):
    times = [first_frame(tools) for _ in range(runs)]
    print(f"{tools:5} tools: start to first frame, median {statistics.median(times):.1f} ms (min {min(times):.1f}, max {max(times):.1f}) over {runs} runs")
PY
