#!/bin/sh
# Smoke test of a built Reconcile (make dist-check): --version, the self-test offscreen
# (vault, entry, chart, window), then a command-line round trip. Runs in a temporary folder
# with no display, no PYTHONPATH and no RECONCILE_* settings, so nothing comes from the
# source tree or from a real journal.
#
#   sh packaging/dist_check.sh dist/reconcile/reconcile
set -eu

app=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
want=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$repo/reconcile_desktop/__init__.py")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

run() {
    env -u DISPLAY -u WAYLAND_DISPLAY -u PYTHONPATH -u PYTHONHOME \
        -u RECONCILE_DATA_DIR -u RECONCILE_PASSPHRASE -u RECONCILE_NEW_PASSPHRASE \
        QT_QPA_PLATFORM=offscreen "$@"
}

got=$(run "$app" --version)
[ "$got" = "reconcile $want" ] || { echo "dist-check: --version said '$got'" >&2; exit 1; }
echo "dist-check: $got"

run "$app" --self-test "$tmp/self-test"

printf 'dist-check passphrase, nothing real\n' > "$tmp/pass"
chmod 600 "$tmp/pass"
cli() { run "$app" --data-dir "$tmp/cli" --passphrase-file "$tmp/pass" "$@"; }
cli init
echo "Planted tomatoes on the balcony today." | cli add --title "Balcony" --tag garden
found=$(cli search tomatoes)
case "$found" in
    *Balcony*) echo "dist-check: command line round trip ok" ;;
    *) echo "dist-check: search did not find the entry: $found" >&2; exit 1 ;;
esac
cli check
echo "dist-check: all passed"
