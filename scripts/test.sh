#!/usr/bin/env bash
# The whole test suite. Installs what it needs: the package with its test extras in a
# virtual environment, and, as root, the system tools some tests drive (poppler's
# pdftotext/pdftoppm, EPUBCheck with Java). Without root, those tests skip with a reason
# printed; under CI (CI=true) they fail instead of skipping.
ENV_EXTRAS=test . "$(dirname "$0")/_env.sh"
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v epubcheck >/dev/null 2>&1 || need+=(epubcheck)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} (Debian packages)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
exec "$PY" -m pytest "$@"
