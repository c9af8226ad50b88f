#!/usr/bin/env bash
# A sharded run on a real Slurm cluster: starts a single-node cluster (munge and Slurm's
# daemons, configured in a temporary folder and stopped by their process ids at the end, even on
# failure), runs `polframe slurm --submit` for the us-china-ai study in 4 shards over
# ../shared/corpus, and checks that the merge job's outputs equal a single-machine make byte for
# byte. Then a second run whose task 2 is killed (SIGKILL) mid-run: its merge job can never
# start, the task is re-submitted with `--tasks 2` (it resumes from what it had cached), and the
# new merge completes with the same outputs.
#
# Needs: slurmctld slurmd munge (apt-get install -y slurmctld slurmd munge), root (the daemons
# run as root here), .build/debug/polframe (or POLFRAME=PATH). Under CI=true a missing piece or
# a cluster that does not start fails the test; otherwise it is skipped with the reason.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
polframe=${POLFRAME:-$repo/.build/debug/polframe}
corpus=$(cd "$repo/.." && pwd)/shared/corpus
say() { echo "slurm test: $*"; }
fail() { echo "slurm test: FAIL: $*" >&2; exit 1; }
skip() {
    if [ "${CI:-}" = "true" ]; then fail "$* (CI=true: this test must run)"; fi
    say "SKIP: $*"; exit 0
}

[ -x "$polframe" ] || skip "no polframe executable at $polframe (run swift build)"
[ -f "$corpus/MANIFEST.tsv" ] || skip "$corpus is missing"
for tool in munged mungekey slurmctld slurmd sbatch squeue scontrol scancel; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (apt-get install -y slurmctld slurmd munge)"
done
[ "$(id -u)" = 0 ] || skip "the test cluster's daemons run as root"

tmp=$(mktemp -d /tmp/polframe-slurm.XXXXXX)
pids=()
cleanup() {
    status=$?
    # Jobs still running (a failed check) end first, so that no job step outlives the daemons.
    if [ -f "${SLURM_CONF:-/nonexistent}" ]; then
        jobs=$(squeue -h -o %A 2>/dev/null || true)
        # shellcheck disable=SC2086
        [ -z "$jobs" ] || scancel $jobs 2>/dev/null || true
        for _ in $(seq 40); do [ -z "$(squeue -h 2>/dev/null || true)" ] && break; sleep 0.5; done
    fi
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "$status" != 0 ]; then
        for log in "$tmp"/slurmctld.log "$tmp"/slurmd.log "$tmp"/munged.log "$tmp"/shards*/slurm/*.log; do
            [ -f "$log" ] && { echo "--- $log"; tail -n 20 "$log"; }
        done
        say "FAILED (logs above)"
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT

# munge: a key of our own and a socket in the temporary folder.
mkdir -p "$tmp/munge" "$tmp/ctld" "$tmp/spool"
chmod 700 "$tmp/munge"
mungekey --create --keyfile="$tmp/munge/munge.key" >/dev/null 2>&1 || dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$tmp/munge/munge.key"
munged --foreground --force --socket="$tmp/munge/munge.socket" --key-file="$tmp/munge/munge.key" \
    --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/munged.seed" --log-file="$tmp/munged.log" >/dev/null 2>&1 &
pids+=($!)

port=$((20000 + RANDOM % 20000))
cpus=$(nproc)
cat > "$tmp/slurm.conf" <<EOF
ClusterName=polframe-test
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$tmp/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/ctld
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=polframe-node NodeHostname=$(hostname) NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=polframe-node Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$tmp/slurm.conf
for _ in $(seq 50); do [ -S "$tmp/munge/munge.socket" ] && break; sleep 0.1; done
slurmctld -D -i -f "$SLURM_CONF" >/dev/null 2>&1 &
pids+=($!)
slurmd -D -N polframe-node -f "$SLURM_CONF" >/dev/null 2>&1 &
pids+=($!)
up=""
for _ in $(seq 60); do
    if scontrol show node polframe-node 2>/dev/null | grep -q "State=IDLE"; then up=1; break; fi
    sleep 1
done
[ -n "$up" ] || { if [ "${CI:-}" = "true" ]; then fail "the Slurm cluster did not start within 60 s"; fi; say "SKIP: the Slurm cluster did not start"; exit 0; }
say "single-node cluster up (slurmctld on port $port, $cpus CPUs; munged, slurmctld, slurmd: pids ${pids[*]})"

# The study's pipeline with its output in the temporary folder (same file for both runs: the
# lock names the pipeline's sha256).
sed -e "s#\.\./lexicons/#$repo/lexicons/#g" -e "s#^output: .*#output: $tmp/out#" \
    -e "s#^  manifest: us-china-ai/#  manifest: $repo/pipelines/us-china-ai/#" pipelines/us-china-ai.yaml > "$tmp/p.yaml"

"$polframe" make -f "$tmp/p.yaml" --corpus "$corpus" -q
mv "$tmp/out" "$tmp/single"
say "single-machine make: $(($(wc -l < "$tmp/single/documents.csv") - 1)) documents into $tmp/single"

state() { scontrol show job "$1" 2>/dev/null | grep -o "JobState=[A-Z_]*" | head -n 1 | cut -d= -f2; }
wait_for() { # JOB: waits until the job has ended, prints its state
    local s
    for _ in $(seq 600); do
        s=$(state "$1")
        case $s in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) echo "$s"; return;; esac
        sleep 0.5
    done
    echo "TIMEOUT_WAITING"
}
compare() {
    diff -r -x .polframe -x shards "$tmp/single" "$tmp/out" >/dev/null || { diff -rq -x .polframe -x shards "$tmp/single" "$tmp/out" || true; fail "$1: the merged outputs differ from the single-machine make"; }
    say "$1: $(find "$tmp/out" -path "$tmp/out/.polframe" -prune -o -type f -print | wc -l) output files identical to the single-machine make"
}

# 1. Four shards and the merge.
out=$("$polframe" slurm -f "$tmp/p.yaml" --corpus "$corpus" --shards 4 --shard-dir "$tmp/shards" --submit --time=10)
echo "$out"
array=$(echo "$out" | sed -n 's/^submitted array job \([0-9]*\).*/\1/p')
merge=$(echo "$out" | sed -n 's/.* and merge job \([0-9]*\).*/\1/p')
[ -n "$array" ] && [ -n "$merge" ] || fail "could not read the job ids from: $out"
result=$(wait_for "$merge")
[ "$result" = COMPLETED ] || fail "merge job $merge ended $result"
for i in 1 2 3 4; do
    [ "$(state "${array}_$i")" = COMPLETED ] || fail "array task ${array}_$i is $(state "${array}_$i")"
    say "task $i: $(grep -h "shard $i/4" "$tmp/shards/slurm/shard-$i.log" | head -n 1)"
done
say "merge job $merge: $(cat "$tmp/shards/slurm/merge.log")"
compare "array job $array + merge job $merge"

# 2. Task 2 killed mid-run, re-submitted alone, then a new merge.
rm -rf "$tmp/out"
out=$("$polframe" slurm -f "$tmp/p.yaml" --corpus "$corpus" --shards 4 --shard-dir "$tmp/shards2" --submit --time=10)
array=$(echo "$out" | sed -n 's/^submitted array job \([0-9]*\).*/\1/p')
merge=$(echo "$out" | sed -n 's/.* and merge job \([0-9]*\).*/\1/p')
packs=$tmp/shards2/2/.polframe/cache/packs
killed=""
for _ in $(seq 1200); do
    s=$(state "${array}_2")
    if [ "$s" = RUNNING ] && [ -n "$(find "$packs" -type f -size +300k 2>/dev/null)" ]; then
        # The task's own processes (the batch step execs polframe), as Slurm lists them, get
        # SIGKILL, like a crash or an out-of-memory kill; Slurm then marks the task FAILED.
        task=$(scontrol show job "${array}_2" | grep -o "JobId=[0-9]*" | head -n 1 | cut -d= -f2)
        victims=$( (scontrol listpids "$task" 2>/dev/null || true) | awk 'NR > 1 && $1 ~ /^[0-9]+$/ {print $1}')
        if [ -n "$victims" ]; then
            # shellcheck disable=SC2086
            kill -9 $victims; killed="pids $(echo $victims)"
        else
            scancel --signal=KILL "${array}_2"; killed="scancel --signal=KILL"
        fi
        break
    fi
    case $s in COMPLETED|FAILED|CANCELLED) break;; esac
    sleep 0.1
done
[ -n "$killed" ] || fail "task 2 finished before it could be killed (state $(state "${array}_2"))"
result=$(wait_for "${array}_2")
say "task ${array}_2 killed with SIGKILL mid-run ($killed): $result; $(find "$packs" -type f -printf '%s bytes of cached results\n' | head -n 1)"
case $result in FAILED|CANCELLED) ;; *) fail "the killed task ended $result";; esac
for i in 1 3 4; do [ "$(wait_for "${array}_$i")" = COMPLETED ] || fail "task ${array}_$i did not complete"; done
for _ in $(seq 60); do scontrol show job "$merge" | grep -q "DependencyNeverSatisfied" && break; sleep 0.5; done
scontrol show job "$merge" | grep -q "DependencyNeverSatisfied" || fail "merge job $merge: $(scontrol show job "$merge" | grep -o 'Reason=[^ ]*')"
say "tasks 1, 3, 4 completed; merge job $merge waits forever (DependencyNeverSatisfied): cancelled; re-submitting task 2"
scancel "$merge"
out=$("$polframe" slurm -f "$tmp/p.yaml" --corpus "$corpus" --shards 4 --shard-dir "$tmp/shards2" --submit --tasks 2 --time=10)
echo "$out"
merge=$(echo "$out" | sed -n 's/.* and merge job \([0-9]*\).*/\1/p')
result=$(wait_for "$merge")
[ "$result" = COMPLETED ] || fail "merge job $merge after the re-submission ended $result"
resumed=$(grep -h "shard 2/4" "$tmp/shards2/slurm/shard-2.log" | tail -n 1)
say "re-submitted task 2: $resumed"
docs=$(echo "$resumed" | sed -n 's/.*shard 2\/4: \([0-9]*\) documents.*/\1/p')
ingested=$(echo "$resumed" | sed -n 's/.*ran \([0-9]*\) ingest.*/\1/p')
[ -n "$ingested" ] && [ "$ingested" -lt "$docs" ] || fail "the re-submitted task ingested $ingested of $docs documents: it did not resume"
compare "after the killed task was re-submitted"
say "PASS"
