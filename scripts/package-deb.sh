#!/usr/bin/env bash
# Build the Debian package: target/debian/hygiene_VERSION-1_ARCH.deb.
#
#   scripts/package-deb.sh [--check]
#
# Makes the man page and the completions from the binary itself (the
# built-in catalog's ids, whatever config this machine has), then runs
# `cargo deb` with the metadata in Cargo.toml. With --check it lists the
# package's contents, fails if a file is missing, and runs lintian where it
# is installed. Needs cargo-deb (`cargo install cargo-deb --locked`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deb >/dev/null || {
  echo "scripts/package-deb.sh: cargo-deb is missing: cargo install cargo-deb --locked" >&2
  exit 2
}
cargo build --release --locked -q
assets=target/assets
rm -rf "$assets"
mkdir -p "$assets"
bin=target/release/hygiene
# The built-in catalog only: no config of this machine's goes into the package.
builtin=(env -i "PATH=$PATH" HOME="$PWD/$assets/home" HYGIENE_CONFIG=/nonexistent/config.toml HYGIENE_STATE=/nonexistent/state.toml)
"${builtin[@]}" "$bin" man | gzip -9n >"$assets/hygiene.1.gz"
"${builtin[@]}" "$bin" completions bash >"$assets/hygiene.bash"
"${builtin[@]}" "$bin" completions zsh >"$assets/_hygiene"
"${builtin[@]}" "$bin" completions fish >"$assets/hygiene.fish"
rm -rf "$assets/home"
# Debian's changelog, dated by the last commit; the project's own is CHANGELOG.md.
version=$("$bin" --version | cut -d' ' -f2)
{
  echo "hygiene ($version-1) unstable; urgency=medium"
  echo
  echo "  * Built from the hygiene repository; its changes are in"
  echo "    /usr/share/doc/hygiene/CHANGELOG.md."
  echo
  echo " -- hygiene developers <maintainers@hygiene.invalid>  $(git log -1 --format=%aD 2>/dev/null || date -R)"
} >"$assets/changelog"
deb=$(cargo deb --no-build --locked -q 2>/dev/null | tail -n 1)
[ -f "$deb" ] || deb=$(ls -t target/debian/hygiene_*.deb | head -n 1)
echo "$deb"
[ "${1:-}" = "--check" ] || exit 0

contents=$(dpkg-deb --contents "$deb")
missing=0
for file in \
  ./usr/bin/hygiene \
  ./usr/share/man/man1/hygiene.1.gz \
  ./usr/share/bash-completion/completions/hygiene \
  ./usr/share/zsh/vendor-completions/_hygiene \
  ./usr/share/fish/vendor_completions.d/hygiene.fish \
  ./usr/lib/systemd/user/hygiene-remind.service \
  ./usr/lib/systemd/user/hygiene-remind.timer \
  ./usr/share/doc/hygiene/README.md \
  ./usr/share/doc/hygiene/copyright \
  ./usr/share/doc/hygiene/LICENSE-MIT \
  ./usr/share/doc/hygiene/LICENSE-APACHE \
  ./usr/share/doc/hygiene/changelog.Debian.gz; do
  grep -q " $file\$" <<<"$contents" || { echo "missing from the package: $file" >&2; missing=1; }
done
[ "$missing" = 0 ]
# The packaged binary runs, and its units name it.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dpkg-deb -x "$deb" "$dir"
"$dir/usr/bin/hygiene" --version
grep -q '^ExecStart=/usr/bin/hygiene remind$' "$dir/usr/lib/systemd/user/hygiene-remind.service"
zcat "$dir/usr/share/man/man1/hygiene.1.gz" | grep -q '^\.TH hygiene 1'
grep -q 'hygiene' "$dir/usr/share/bash-completion/completions/hygiene"
echo "contents: $(grep -c . <<<"$contents") entries, every expected file present"
if command -v lintian >/dev/null; then
  # Errors fail the build; warnings are shown.
  lintian --tag-display-limit 0 "$deb" | tee "$dir/lintian.txt" || true
  if grep -q '^E:' "$dir/lintian.txt"; then
    echo "lintian found errors" >&2
    exit 1
  fi
else
  echo "lintian is not installed; skipped"
fi
