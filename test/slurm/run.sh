#!/usr/bin/env bash
# npm run test:slurm: the README's Slurm recipe on a live single-node cluster started here.
# Submits docs/slurm/paper.sbatch as a 4-task array (the sweep of test/slurm/slurm-test.json), requeues
# one task while it runs, kills another's sweep with SIGKILL and requeues it, lets the dependent
# "headtune merge" job run, then compares the merged folder with a one-machine run of the same
# configuration byte for byte. Then shards a small simulated map the same way (docs/slurm/map.sbatch as a
# 3-task array, one task requeued while it runs, a dependent merge) and compares it with a one-machine
# run of the map. Needs root (installs Slurm and munge if missing, starts their daemons
# as private processes: own folder, own ports, nothing in /etc). Every daemon is stopped on exit.
set -euo pipefail
started=$(date +%s)
repo=$(cd "$(dirname "$0")/../.." && pwd)
shards=4
name=slurm-test
# The small simulated map: 3 values x 10 sizes x 40 replicates of the quick preset (1200 tasks of a few
# ms), over 3 shards: long enough to requeue a shard mid-run.
map_args="--preset quick --axis rho --from 0.5 --to 0.9 --steps 3 --replicates 40"
map_shards=3
map_results=results/map-rho-1
config="$repo/test/slurm/$name.json"

say() { printf 'test:slurm: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root: it installs slurm-wlm and munge and starts their daemons"
[ -f "$repo/dist/cli.js" ] || fail "dist/cli.js is missing: run npm ci (it builds) first"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null ||
  ! command -v munged >/dev/null; then
  say "installing slurmctld, slurmd, slurm-client and munge"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    slurmctld slurmd slurm-client munge >/dev/null
fi

work=$(mktemp -d /tmp/headtune-slurm.XXXXXX)
chmod 0755 "$work"
daemons=()
jobs_submitted=()

# Cancel our jobs while the controller is up (their processes outlive slurmd), then stop the daemons
# by the PIDs recorded at start; keep the folder only when something failed.
cleanup() {
  local rc=$? pid i
  trap - EXIT INT TERM
  if [ ${#jobs_submitted[@]} -gt 0 ]; then
    scancel "${jobs_submitted[@]}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      [ -z "$(squeue -h -j "$(IFS=,; echo "${jobs_submitted[*]}")" 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi
  for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do
    pid=${daemons[i]}
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$rc" = 0 ]; then
    rm -rf "$work"
  else
    for log in "$work"/slurmctld.log "$work"/slurmd.log "$work"/run/slurm-*.out; do
      [ -f "$log" ] && { say "--- tail of $log"; tail -n 20 "$log" >&2; }
    done
    say "kept $work for inspection; exit $rc after $(($(date +%s) - started)) s"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits (up to $1 seconds) until the command after it succeeds.
wait_for() {
  local limit=$1 t0=$SECONDS
  shift
  until "$@"; do
    [ $((SECONDS - t0)) -lt "$limit" ] || return 1
    sleep 0.1
  done
}

free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'; }

# --- munge: a fresh key and socket in our folder, munged as the munge user.
mkdir -m 0755 "$work/munge"
head -c 1024 /dev/urandom >"$work/munge/munge.key"
chown -R munge:munge "$work/munge"
chmod 0400 "$work/munge/munge.key"
setpriv --reuid=munge --regid=munge --init-groups munged --foreground \
  --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" \
  --seed-file="$work/munge/munged.seed" >"$work/munged.out" 2>&1 &
daemons+=($!)
wait_for 10 test -S "$work/munge/munge.socket" || fail "munged did not start: $(cat "$work/munged.out")"

# --- slurm.conf: one node (this machine), one partition, private state, logs, PID files and ports.
host=$(hostname -s)
memory=$(($(free -m | awk '/^Mem:/ { print $2 }') / 2))
mkdir -p "$work/state" "$work/spool" "$work/run"
: >"$work/plugstack.conf"
export SLURM_CONF="$work/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=headtune-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket,cred_expire=10
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
PlugStackConfig=$work/plugstack.conf
ProctrackType=proctrack/pgid
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
ReturnToService=2
KillWait=5
SchedulerParameters=sched_interval=2,bf_interval=1
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
daemons+=($!)
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
daemons+=($!)
node_idle() { sinfo -h -n "$host" -o %T 2>/dev/null | grep -qx idle; }
wait_for 60 node_idle || fail "the node did not become idle"
say "cluster up in $(($(date +%s) - started)) s (node $host, $(nproc) CPUs)"

# --- the job's folder, with headtune installed in it as a user has it (npx headtune finds the bin).
mkdir -p "$work/run/node_modules/.bin"
ln -s "$repo" "$work/run/node_modules/headtune"
ln -s ../headtune/dist/cli.js "$work/run/node_modules/.bin/headtune"
cp "$config" "$work/run/$name.json"
# Jobs inherit the submitting environment: submit from a plain one (not npm run's, whose PATH holds this
# repository's node_modules/.bin), as a user's shell would.
submit() {
  env -i HOME="$HOME" PATH="$(dirname "$(command -v node)"):/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    SLURM_CONF="$SLURM_CONF" HEADTUNE_SWEEP="--config $name.json" HEADTUNE_MAP="$map_args" npm_config_update_notifier=false sbatch "$@"
}

job=$(submit --parsable --array=0-$((shards - 1)) --cpus-per-task=1 --chdir="$work/run" \
  --output="$work/run/slurm-%A_%a.out" "$repo/docs/slurm/paper.sbatch")
jobs_submitted+=("$job")
results="results/$name-1"
submit_merge() {
  submit --parsable --dependency="$1:$job" --chdir="$work/run" --output="$work/run/merge.out" \
    --wrap "npx headtune merge $results/shard-*-of-$shards"
}
merge=$(submit_merge afterok)
jobs_submitted+=("$merge")
say "submitted array $job ($shards shards) and merge $merge"

state() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -n 1 | cut -d= -f2; }
in_state() { [ "$(state "$1")" = "$2" ]; }
# The folder of shard $1 of the sweep (map: of the map), and its checkpoint.
shard_dir() { if [ "${2:-}" = map ]; then echo "$work/run/$map_results/shard-$1-of-$map_shards"; else echo "$work/run/$results/shard-$1-of-$shards"; fi; }
checkpoint() { echo "$(shard_dir "$@")/checkpoint.jsonl"; }
# Tasks in a checkpoint: its lines after the header.
finished() { if [ -f "$1" ]; then echo $(($(wc -l <"$1") - 1)); else echo 0; fi; }
# Array task $1 runs and its shard's checkpoint ($2 $3: as shard_dir's) holds a finished task.
running_with_checkpoint() { [ "$(state "$1")" = RUNNING ] && [ "$(finished "$(checkpoint "$2" "${3:-}")")" -ge 1 ]; }
# The shard ($1 $2: as shard_dir's) was restarted mid-run: it resumed some, not all, of its tasks.
resumed_mid_run() {
  node -e '
    const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    if (!(c.resumedTasks >= 1 && c.resumedTasks < c.tasks)) {
      console.error(`${process.argv[1]}: resumed ${c.resumedTasks} of ${c.tasks} tasks, not a mid-run restart`);
      process.exit(1);
    }
    console.error(`test:slurm: ${process.argv[2]}shard ${process.argv[3]} resumed ${c.resumedTasks} of its ${c.tasks} tasks`);
  ' "$(shard_dir "$@")/config.json" "${2:+$2 }" "$1"
}

# The sweep of task $1: among the task's processes, the node process running dist/cli.js.
sweep_pid() {
  local pid
  local id
  id=$(scontrol -o show job "${job}_$1" | grep -o "^JobId=[0-9]*" | cut -d= -f2)
  for pid in $(scontrol listpids "$id" 2>/dev/null | awk 'NR > 1 { print $1 }'); do
    [ "$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | sed -n 2p | xargs -r readlink -f --)" = "$repo/dist/cli.js" ] &&
      { echo "$pid"; return 0; }
  done
  return 1
}

# --- fault 1: requeue task 1 while it runs, once its checkpoint holds a finished task.
wait_for 300 running_with_checkpoint "${job}_1" 1 || fail "task ${job}_1 never ran with a checkpoint"
done1=$(finished "$(checkpoint 1)")
scontrol requeue "${job}_1"
say "requeued ${job}_1 while running, $done1 tasks in its checkpoint"

# --- fault 2: SIGKILL task 2's sweep mid-run, then requeue the failed task.
wait_for 300 running_with_checkpoint "${job}_2" 2 || fail "task ${job}_2 never ran with a checkpoint"
pid=$(sweep_pid 2) || fail "no sweep process among those of ${job}_2: $(scontrol listpids 2>&1)"
done2=$(finished "$(checkpoint 2)")
kill -KILL "$pid"
wait_for 60 in_state "${job}_2" FAILED || fail "task ${job}_2 did not fail after SIGKILL"
scontrol requeue "${job}_2"
# Slurm keeps the failed task's exit code in the array, so afterok can never hold again: as the README
# says, cancel the merge and submit it after the whole array (merge itself refuses incomplete shards).
scancel "$merge"
merge=$(submit_merge afterany)
jobs_submitted+=("$merge")
say "killed the sweep of ${job}_2 (PID $pid) with SIGKILL, $done2 tasks in its checkpoint; requeued it"

ended() { case "$(state "$1")" in COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL) return 0 ;; *) return 1 ;; esac; }
wait_for 300 ended "$merge" || fail "the merge job did not finish (state $(state "$merge"))"
[ "$(state "$merge")" = COMPLETED ] || fail "the merge job ended $(state "$merge"): $(cat "$work/run/merge.out")"
for i in $(seq 0 $((shards - 1))); do
  [ "$(state "${job}_$i")" = COMPLETED ] || fail "task ${job}_$i ended $(state "${job}_$i")"
done
cluster_done=$(date +%s)

# Both faults landed mid-run: the requeued tasks resumed some, not all, of their shard's tasks.
for i in 1 2; do resumed_mid_run "$i" || fail "a fault did not land mid-run"; done

# --- the same configuration on one machine.
(cd "$work" && node "$repo/dist/cli.js" sweep --config "run/$name.json" --workers 2 --quiet --out ref >/dev/null)

status=0
# same MERGED REFERENCE SKIP FILE...: each FILE byte-identical in both folders, and config.json equal apart
# from the comma-separated timing, host and provenance fields SKIP; status=1 otherwise.
same() {
  local merged=$1 ref=$2 skip=$3 file
  shift 3
  for file in "$@"; do
    if cmp -s "$merged/$file" "$ref/$file"; then
      say "$file: byte-identical ($(wc -c <"$ref/$file") bytes)"
    else
      say "$file: DIFFERS"; cmp "$merged/$file" "$ref/$file" >&2 || true; status=1
    fi
  done
  node -e '
    const fs = require("fs");
    const skip = process.argv[3].split(",");
    const read = (f) => { const c = JSON.parse(fs.readFileSync(f, "utf8")); for (const k of skip) delete c[k]; return JSON.stringify(c); };
    if (read(process.argv[1]) !== read(process.argv[2])) { console.error(`test:slurm: ${process.argv[1]}: DIFFERS`); process.exit(1); }
    console.error(`test:slurm: ${process.argv[1]}: equal apart from ${skip.join(", ")}`);
  ' "$merged/config.json" "$ref/config.json" "$skip" || status=1
}
same "$work/run/$results" "$work/ref" elapsedSeconds,finishedAt,cpus,workers,platform,node,mergedFrom \
  summary.csv replicates.csv plot.svg plot-linear.svg

# --- a small simulated map, sharded the same way: docs/slurm/map.sbatch as an array, then merge.
map_started=$(date +%s)
map_job=$(submit --parsable --array=0-$((map_shards - 1)) --cpus-per-task=1 --chdir="$work/run" \
  --output="$work/run/slurm-map-%A_%a.out" "$repo/docs/slurm/map.sbatch")
jobs_submitted+=("$map_job")
map_merge=$(submit --parsable --dependency=afterok:"$map_job" --chdir="$work/run" --output="$work/run/map-merge.out" \
  --wrap "npx headtune merge $map_results/shard-*-of-$map_shards")
jobs_submitted+=("$map_merge")
say "submitted map array $map_job ($map_shards shards of: headtune map $map_args) and merge $map_merge"
# A fault here too: requeue map task 1 while it runs, once its checkpoint holds a finished task.
wait_for 120 running_with_checkpoint "${map_job}_1" 1 map || fail "map task ${map_job}_1 never ran with a checkpoint"
map_done1=$(finished "$(checkpoint 1 map)")
scontrol requeue "${map_job}_1"
say "requeued map task ${map_job}_1 while running, $map_done1 tasks in its checkpoint"
wait_for 300 ended "$map_merge" || fail "the map's merge job did not finish (state $(state "$map_merge"))"
[ "$(state "$map_merge")" = COMPLETED ] || fail "the map's merge job ended $(state "$map_merge"): $(cat "$work/run/map-merge.out")"
map_done=$(date +%s)
resumed_mid_run 1 map || fail "the map's fault did not land mid-run"
# shellcheck disable=SC2086 # map_args is a list of arguments
(cd "$work" && node "$repo/dist/cli.js" map $map_args --workers 2 --quiet --out mapref >/dev/null)
same "$work/run/$map_results" "$work/mapref" elapsedSeconds,workers,mergedFrom map.csv map.svg

say "cluster part $((cluster_done - started)) s (map $((map_done - map_started)) s), total $(($(date +%s) - started)) s"
[ "$status" = 0 ] || fail "the merged results differ from the one-machine run"
say "passed"
