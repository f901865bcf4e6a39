#!/usr/bin/env bash
# Makes sure influxd (Debian's influxdb, 1.6.7 on this release) is installed for the InfluxDB tests
# and bench. It does not start it: tests/helpers/influx-server.ts starts its own influxd per test
# file on loopback ports with its data in a temp dir. Idempotent; needs root for apt-get.
set -euo pipefail

if command -v influxd >/dev/null 2>&1; then
  echo "influx.sh: $(influxd version 2>/dev/null || echo 'influxd present')"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# Keep the package's maintainer scripts from starting influxdb as a system service.
made_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  made_policy=1
fi
trap 'if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT

apt-get update -qq
apt-get install -y -qq --no-install-recommends influxdb >/dev/null
echo "influx.sh: installed $(influxd version 2>/dev/null)"
