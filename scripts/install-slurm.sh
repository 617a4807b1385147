#!/usr/bin/env bash
# Installs Debian's slurm-wlm and munge for the test that runs echolab's job
# arrays on a real single-node Slurm (scripts/slurm-local.sh). Without root
# or apt-get it says so, and that test skips with the reason.
set -u
if [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && command -v sbatch >/dev/null 2>&1 && [ -x /usr/sbin/munged ]; then
  echo "slurm: found ($(sbatch --version 2>/dev/null))"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "slurm: installing Debian's packages (apt-get install slurm-wlm munge)..."
  apt-get update -qq >/dev/null 2>&1 || true
  if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null 2>&1 && [ -x /usr/sbin/slurmctld ]; then
    echo "slurm: installed ($(sbatch --version 2>/dev/null))"
    exit 0
  fi
  echo "slurm: apt-get install failed; the real-Slurm test will skip"
  exit 0
fi
echo "slurm: not found and cannot install without root and apt-get; the real-Slurm test will skip"
exit 0
