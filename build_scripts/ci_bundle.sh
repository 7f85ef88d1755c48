#!/usr/bin/env bash
# CI, after the tests: build the Linux bundle and prove it works on its own.
#   build_scripts/ci_bundle.sh
# 1. `./dev build` makes dist/Columnist (one folder, no Python needed).
# 2. The folder is copied somewhere read-only and run with a bare environment (no venv, no
#    PYTHONPATH): `--smoke-test` from a fresh data dir (first start creates the rating
#    cache), then `export` of the sample column, whose HTML must exist and carry its title,
#    and `check` of it (exit 0, with the warning that the bundled ratings are old).
# 3. Nothing may be written inside the install folder (root ignores permission bits, so the
#    folder's listing is compared before and after).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
started=$(date +%s)

./dev build
built=$(date +%s)

work=$(mktemp -d)
cleanup() { chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
app="$work/install/Columnist"
mkdir -p "$work/install" "$work/home" "$work/out"
cp -a dist/Columnist "$app"
chmod -R a-w "$work/install"
listing() { (cd "$app" && find . -printf '%p %s %T@\n' | sort); }
listing >"$work/before.txt"

# A bare environment, as on a managed laptop: only the system's own PATH and a home.
bundled() {
  env -i HOME="$work/home" PATH=/usr/local/bin:/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
    LANG=C.UTF-8 "$app/columnist" "$@"
}

echo "ci_bundle: $(bundled --version)"
echo "ci_bundle: smoke test of the bundle (fresh data dir)"
bundled --data-dir "$work/data-smoke" --smoke-test

echo "ci_bundle: export through the bundle (fresh data dir)"
sample=resources/sample-column.md
bundled --data-dir "$work/data-export" export "$sample" -o "$work/out/sample.html"
title=$(sed -n 's/^title:[[:space:]]*//p' "$sample" | head -n 1 | sed "s/^[\"']//; s/[\"']$//")
[ -s "$work/out/sample.html" ] || { echo "ci_bundle: FAIL: no HTML written" >&2; exit 1; }
# The title as it appears in HTML: apostrophes may be escaped or typographic.
pattern=$(printf '%s' "$title" | sed "s/'/(&|\&#x27;|\&#39;|’|\&rsquo;)/g")
if ! grep -Eq "$pattern" "$work/out/sample.html"; then
  echo "ci_bundle: FAIL: the exported HTML lacks the title '$title'" >&2
  exit 1
fi
echo "ok   export wrote $(wc -c <"$work/out/sample.html") bytes with the title"

echo "ci_bundle: rating-claim check through the bundle (fresh data dir)"
bundled --data-dir "$work/data-check" check "$sample" --json >"$work/out/check.json"
if ! grep -q '"claim.old-data"' "$work/out/check.json"; then
  echo "ci_bundle: FAIL: columnist check gave no old-data warning for the sample" >&2
  exit 1
fi
echo "ok   check of the sample: $(grep -c '"code"' "$work/out/check.json") findings, exit 0"

# As an ordinary user (when CI runs as root, which ignores permission bits): the read-only
# folder really is read-only, and a first start without --data-dir puts the data in the
# user's own directory.
if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null && id nobody >/dev/null 2>&1; then
  chmod 755 "$work"
  mkdir -m 777 "$work/userhome"
  as_user() {
    runuser -u nobody -- env -i HOME="$work/userhome" PATH=/usr/local/bin:/usr/bin:/bin \
      QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$app/columnist" "$@"
  }
  echo "ci_bundle: smoke test as an ordinary user, read-only install"
  as_user --smoke-test
  as_user ratings info >/dev/null
  if [ ! -s "$work/userhome/.local/share/Columnist/ratings.db" ]; then
    echo "ci_bundle: FAIL: first start did not create the cache in ~/.local/share/Columnist" >&2
    exit 1
  fi
  echo "ok   first start as an ordinary user made ~/.local/share/Columnist/ratings.db"
fi

listing >"$work/after.txt"
if ! diff -u "$work/before.txt" "$work/after.txt"; then
  echo "ci_bundle: FAIL: the bundle wrote inside its own (read-only) install folder" >&2
  exit 1
fi
echo "ok   nothing written inside the install folder"
if [ -e "$work/home/.local/share/Columnist" ]; then
  echo "ci_bundle: FAIL: --data-dir was ignored (data went to the home directory)" >&2
  exit 1
fi

finished=$(date +%s)
echo "ci_bundle: passed; build $((built - started)) s, checks $((finished - built)) s"
