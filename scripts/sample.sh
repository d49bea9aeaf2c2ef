#!/usr/bin/env bash
# Make a realistic sample for screenshots and trying the dashboard: a dozen
# tools, ten tracked since January and two since last week (unreviewed),
# some checks done long ago (overdue), some never looked at (overdue since
# their first review), one answered "not done" (failing), a snooze, an
# accepted risk and a few notes, all as of 2026-11-25.
#
#   scripts/sample.sh DIR [HYGIENE]
#
# DIR gets config.toml and state.toml; use them with
#   HYGIENE_CONFIG=DIR/config.toml HYGIENE_STATE=DIR/state.toml HYGIENE_TODAY=2026-11-25 hygiene
set -euo pipefail
dir=${1:?usage: scripts/sample.sh DIR [HYGIENE]}
bin=${2:-target/release/hygiene}
mkdir -p "$dir"
rm -f "$dir/config.toml" "$dir/state.toml" "$dir"/*.bak
export HYGIENE_CONFIG="$dir/config.toml" HYGIENE_STATE="$dir/state.toml" HYGIENE_TODAY=2026-11-25
HYGIENE_TODAY=2026-01-15 "$bin" init --first Alex --last Black --org MOJ \
  --track whatsapp,slack,teams,zoom,google-meet,yammer,imessage,facetime,twitter,youtube >/dev/null

# Each change below runs on its own day (the day of --on or @DATE, else 2026-11-25),
# in the order of the days, as the person made them: the state's [scores]
# then holds the score of each of those days, as it would.
queue=()
h() {
  local day=2026-11-25 prev=
  # `h @DATE ...` for a command without --on.
  if [[ $1 == @* ]]; then
    day=${1#@}
    shift
  fi
  for arg in "$@"; do
    [ "$prev" = --on ] && day=$arg
    prev=$arg
  done
  queue+=("$day $(printf '%04d' ${#queue[@]}) $(printf '%q ' "$@")")
}
h @2026-11-20 track telegram slido

# Multi-factor sign-in: mostly on, one long ago, one never.
for t in whatsapp slack teams zoom google-meet imessage facetime youtube; do
  h done "$t" mfa --on 2026-09-14
done
h done twitter mfa --on 2026-03-02
h accept yammer mfa --reason "Signs in with the Microsoft 365 account; its MFA is checked there"

for t in whatsapp slack teams zoom google-meet yammer imessage facetime twitter youtube; do
  h done "$t" password --on 2026-02-10
  h done "$t" work_account --on 2026-01-20
done
h done telegram work_account --on 2026-11-21
h todo telegram mfa

# Names: most follow the convention, one does not.
h set whatsapp display_name "Alex Black (MOJ)"
h set slack display_name "Alex Black (MOJ)"
h set teams display_name "Alex Black (MOJ)"
h set zoom display_name "Alex B"  # breaks the convention: exit 1
h set google-meet display_name "Alex Black (MOJ)"

# Archives: monthly, some late.
h done whatsapp archive --on 2026-09-30
h done whatsapp archive --on 2026-10-28
h done slack archive --on 2026-11-03
h done teams archive --on 2026-10-12
h done zoom archive --on 2026-11-20
h done yammer archive --on 2026-08-01
h done imessage archive --on 2026-11-01

for t in whatsapp slack teams zoom google-meet yammer imessage facetime twitter youtube; do
  h done "$t" sessions --on 2026-10-02
done
for t in whatsapp slack teams zoom google-meet yammer imessage twitter; do
  h done "$t" photo --on 2026-04-18
done
h done slack job_title --on 2026-07-01
h done teams job_title --on 2026-07-01
h done yammer job_title --on 2026-05-01
h done whatsapp privacy --on 2026-08-20
h done whatsapp notifications --on 2026-08-20
h done whatsapp security_codes --on 2026-09-01
h done whatsapp client --on 2026-08-20
h done slack client --on 2026-08-20
h done slack channels --on 2026-10-10
h done slack invites --on 2026-11-12
h done teams invites --on 2026-10-01
h done teams call_password --on 2026-09-01
h done zoom call_password --on 2026-10-15
h done zoom invites --on 2026-11-01
h done google-meet call_password --on 2026-09-20
h done teams channels --on 2026-09-01
h na facetime call_test
h snooze youtube channels --until 2026-12-15
h note slack archive "Export via the workspace admin; ask Dana"
h note whatsapp security_codes "Verified with the project board members"

printf '%s\n' "${queue[@]}" | sort | while read -r day _ args; do
  rc=0
  eval "HYGIENE_TODAY=$day \"\$bin\" $args" >/dev/null || rc=$?
  # 1 is a saved value that breaks the convention; anything else is a failure.
  [ "$rc" -le 1 ] || { echo "sample.sh: $args failed ($rc)" >&2; exit "$rc"; }
done
