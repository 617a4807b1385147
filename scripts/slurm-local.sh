#!/usr/bin/env bash
# A single-node Slurm on this machine, to try `echolab slurm` job arrays
# for real (and for the test that does). As root, with Debian's slurm-wlm
# and munge (bash scripts/install-slurm.sh installs them).
#
#   bash scripts/slurm-local.sh start DIR   # prints: export SLURM_CONF=DIR/slurm.conf
#   export SLURM_CONF=DIR/slurm.conf        # then sbatch, squeue, sinfo talk to it
#   bash scripts/slurm-local.sh stop DIR
#
# Everything lives in DIR (configuration, state, logs, pids): nothing is
# written to /etc/slurm, and the controller and node daemon listen on free
# ports, so a system Slurm is left alone. munged is started only when no
# working one answers, and stopped again only if this script started it.
set -euo pipefail
cmd="${1:-}"
D="${2:-}"
if [ -z "$cmd" ] || [ -z "$D" ]; then
  echo "usage: bash scripts/slurm-local.sh start|stop DIR" >&2
  exit 2
fi

stop() {
  for p in slurmd slurmctld; do
    if [ -f "$D/$p.pid" ]; then kill "$(cat "$D/$p.pid")" 2>/dev/null || true; fi
  done
  if [ -f "$D/munged.started" ] && [ -f /run/munge/munged.pid ]; then
    kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
    rm -f "$D/munged.started"
  fi
  # Give the daemons a moment to exit before the caller removes DIR.
  for _ in $(seq 1 50); do
    alive=0
    for p in slurmd slurmctld; do
      if [ -f "$D/$p.pid" ] && kill -0 "$(cat "$D/$p.pid")" 2>/dev/null; then alive=1; fi
    done
    [ $alive = 0 ] && break
    sleep 0.1
  done
}

case "$cmd" in
stop)
  stop
  exit 0
  ;;
start) ;;
*)
  echo "slurm-local: unknown command '$cmd' (start or stop)" >&2
  exit 2
  ;;
esac

if [ "$(id -u)" != 0 ]; then
  echo "slurm-local: must run as root (slurmctld and slurmd run as root here)" >&2
  exit 3
fi
for b in /usr/sbin/slurmctld /usr/sbin/slurmd /usr/sbin/munged; do
  if [ ! -x "$b" ]; then
    echo "slurm-local: $b not found: bash scripts/install-slurm.sh installs slurm-wlm and munge" >&2
    exit 3
  fi
done

mkdir -p "$D/state" "$D/spool" "$D/log"
D="$(cd "$D" && pwd)"

# munge authenticates every Slurm message: reuse a running munged, else start one.
if ! (munge -n | unmunge) >/dev/null 2>&1; then
  [ -f /etc/munge/munge.key ] || mungekey -c
  chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge 2>/dev/null || true
  mkdir -p /run/munge && chown munge:munge /run/munge
  /usr/sbin/munged --force
  touch "$D/munged.started"
  for _ in $(seq 1 50); do (munge -n | unmunge) >/dev/null 2>&1 && break; sleep 0.1; done
fi

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
CTLD_PORT=$(free_port)
SLURMD_PORT=$(free_port)
while [ "$SLURMD_PORT" = "$CTLD_PORT" ]; do SLURMD_PORT=$(free_port); done
H=$(hostname -s)
MEM=$(( $(free -m | awk '/Mem:/{print $2}') - 1024 ))

cat > "$D/slurm.conf" <<CONF
ClusterName=echolab-local
SlurmctldHost=$H(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
MinJobAge=600
NodeName=$H NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$H Default=YES MaxTime=INFINITE State=UP
CONF

export SLURM_CONF="$D/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 1 300); do
  if sinfo -h -o '%t' 2>/dev/null | grep -q '^idle'; then
    echo "export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.1
done
echo "slurm-local: the node did not become idle within 30 s; logs in $D/log:" >&2
tail -n 5 "$D/log/slurmctld.log" "$D/log/slurmd.log" >&2 || true
stop
exit 1
