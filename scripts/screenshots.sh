#!/usr/bin/env bash
# Take the screenshots in screenshots/ from a real terminal: the release
# binary runs in tmux on the sample from scripts/sample.sh (a dozen tools,
# some overdue, as of 2026-11-25); `tmux capture-pane -e` keeps the colours,
# aha turns them into HTML and headless Chromium into PNG.
#
#   scripts/screenshots.sh
#
# Needs tmux, aha, chromium and fonts-dejavu-core (Debian packages):
#   apt-get install -y tmux aha chromium fonts-dejavu-core
# Rerun it whenever a screen changes.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in tmux aha chromium; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y tmux aha chromium fonts-dejavu-core" >&2; exit 2; }
done

cargo build --release --locked -q
bin=$PWD/target/release/hygiene
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cols=120 rows=36

scripts/sample.sh "$work/sample" "$bin"

# shot NAME DIR KEYS...: open the dashboard on DIR's files, press KEYS, save
# NAME.png. With DIR "-", the files are the defaults of a user alex who has
# none yet (nothing is written: the shot ends before the form is finished).
shot() {
  local name=$1 dir=$2 files
  shift 2
  local cols=${COLS:-$cols} rows=${ROWS:-$rows}
  if [ "$dir" = - ]; then
    files="env -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME=/home/alex"
  else
    files="env HYGIENE_CONFIG=$dir/config.toml HYGIENE_STATE=$dir/state.toml"
  fi
  tmux -L "shots-$name" -f /dev/null new-session -d -s s -x "$cols" -y "$rows" \
    "$files TERM=xterm-256color HYGIENE_TODAY=2026-11-25 $bin; sleep 30"
  tmux -L "shots-$name" set -g status off
  sleep 0.6
  for keys in "$@"; do
    tmux -L "shots-$name" send-keys -t s "$keys"
    sleep 0.25
  done
  sleep 0.4
  tmux -L "shots-$name" capture-pane -e -p -t s > "$work/$name.ansi"
  tmux -L "shots-$name" kill-server
  {
    echo '<!doctype html><html><head><meta charset="utf-8"><style>'
    echo 'body{margin:0;background:#1d1f21;}'
    echo 'pre{margin:0;padding:14px 16px;font:15px/1.25 "DejaVu Sans Mono",monospace;color:#e0e0e0;background:#1d1f21;}'
    echo '</style></head><body><pre>'
    aha --no-header --black < "$work/$name.ansi"
    echo '</pre></body></html>'
  } > "$work/$name.html"
  # Columns of 9 px and lines of 18.75 px, plus the padding (120x36: 1116x704).
  local px_width=$((cols * 9 + 36)) px_height=$(((rows * 1875 + 99) / 100 + 29))
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/chromium" --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=$px_width,$px_height --screenshot="$PWD/screenshots/$name.png" "file://$work/$name.html" \
    >/dev/null 2>&1
  echo "screenshots/$name.png"
}

mkdir -p screenshots
shot dashboard "$work/sample"
# The detail pane of a name that breaks the convention (Zoom, display name).
shot detail "$work/sample" j j j l l l l l l l l
shot actions "$work/sample" Tab
# The help, scrolled to the legend of the symbols and the columns.
shot help "$work/sample" '?' j j j j j j j j j j j j j j j j j j
# A wide terminal: names in full, the detail beside the matrix.
COLS=200 ROWS=44 shot wide "$work/sample"
# The guided review: its first card, then (on a copy, since answers are
# saved) the summary after three answers: done, not done, a week's snooze.
shot review "$work/sample" r
cp -r "$work/sample" "$work/answered"
shot review-summary "$work/answered" r y n s Enter q
# A first review of ten tools goes by check: one line per tool; the second
# line answered "no", the rest "yes" with a.
mkdir -p "$work/first"
cat > "$work/first/config.toml" <<'TOML'
track = ["whatsapp", "slack", "teams", "zoom", "google-meet", "yammer", "facetime", "imessage", "telegram", "twitter"]

[identity]
first = "Alex"
last = "Black"
org = "MOJ"
TOML
shot review-check "$work/first" r j n a
# An incident (on a copy, since steps are saved): a lost device, the report
# done, the first tool's step on screen; then, opened again, the banner.
cp -r "$work/sample" "$work/incident"
shot incident "$work/incident" '!' Enter y
shot incident-banner "$work/incident"
[ ! -e /home/alex ] || { echo "/home/alex exists: the onboarding shot needs a user with no files" >&2; exit 2; }
shot onboarding - Alex Enter Black Enter MOJ Enter Space j Space j j j Space
