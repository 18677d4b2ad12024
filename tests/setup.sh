#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when missing. Idempotent.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
/usr/bin/python3 -c "import nbformat" >/dev/null 2>&1 || need+=(python3-nbformat)
# Jupyter (kernel tests): Debian's python3 with jupyter_client/nbconvert/nbformat/nbclient, and the nbconvert command.
/usr/bin/python3 -c "import jupyter_client, nbconvert, nbformat, nbclient" >/dev/null 2>&1 \
  || need+=(jupyter-client python3-nbconvert python3-nbclient python3-nbformat)
command -v jupyter-nbconvert >/dev/null 2>&1 || need+=(jupyter-nbconvert)
# The browser test: the classic Notebook page (jupyter notebook), driven by Selenium through chromedriver.
command -v jupyter-notebook >/dev/null 2>&1 || need+=(jupyter-notebook)
/usr/bin/python3 -c "import selenium" >/dev/null 2>&1 || need+=(python3-selenium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# require.js for nbconvert's HTML pages (Debian serves it locally; the kernel tests render those pages).
[ -f /usr/share/javascript/requirejs/require.min.js ] || need+=(libjs-requirejs)
# .xls fixtures (the Excel 97–2003 format) are written with xlwt.
/usr/bin/python3 -c "import xlwt" >/dev/null 2>&1 || need+=(python3-xlwt)
# Report PDFs: pdftoppm/pdfinfo check them; a CJK font lets Chromium draw the zh-CN report and its PDF.
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || need+=(fonts-wqy-microhei)
# ClickHouse (warehouse engine tests): Debian's server and client; the tests start their own two-shard cluster.
[ -x /usr/sbin/clickhouse-server ] || need+=(clickhouse-server)
command -v clickhouse-client >/dev/null 2>&1 || need+=(clickhouse-client)
[ -n "${SEG_SKIP_APT:-}" ] && need=()
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]} (apt-get)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The conformance tests' reference kernel: .NET Interactive's last release, from the package registry, in a local
# tool path (the tests install it there too when it is missing).
tools="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.tools/dotnet-interactive-1.0.712001"
if [ ! -x "$tools/dotnet-interactive" ] && [ -z "${SEG_SKIP_TOOLS:-}" ]; then
  echo "setup: installing Microsoft.dotnet-interactive 1.0.712001 into $tools"
  dotnet tool install Microsoft.dotnet-interactive --version 1.0.712001 --tool-path "$tools" >/dev/null
fi
