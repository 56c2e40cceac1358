#!/bin/sh
# Install the Debian packages jingdu needs to build and test, when they are missing.
# Runs apt-get as root, or through sudo; says clearly what to do when neither is possible.
set -e
PKGS="build-essential pkg-config libncurses-dev libunistring-dev libiniparser-dev libsqlite3-dev
libmd4c-dev libuchardet-dev unicode-data tmux python3 groff-base clang"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "jingdu: missing build dependencies:$missing (no apt-get here: install them by hand)" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"
else
	echo "jingdu: missing build dependencies:$missing; run as root or install sudo, then: apt-get install$missing" >&2
	exit 1
fi
echo "jingdu: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
