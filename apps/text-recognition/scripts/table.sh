#!/bin/sh
# Regenerates the runs behind docs/benchmarks/text-recognition.md:
# ERM, Input Mixup and Manifold Mixup, seeds 1-3, then prints the table.
#   MIXUP_DATA_DIR=../shared/datasets sh apps/text-recognition/scripts/table.sh
# JOBS runs that many trainings at once (default 2: one per core here; each
# run is single-threaded on wasm). Every run's output goes to its log file.
set -e
OUT=${OUT:-runs/text-recognition}
SEEDS=${SEEDS:-"1 2 3"}
JOBS=${JOBS:-2}
FLAGS="--train-lines 8000 --max-length 12 --epochs 12 --channels 16,32,64
  --hidden 128 --batch-size 32 --lr 0.003 --backend wasm --quiet"
mkdir -p "$OUT"
for seed in $SEEDS; do
  for method in erm input manifold; do
    echo "$method $seed"
  done
done | xargs -P "$JOBS" -L 1 sh -c '
  # shellcheck disable=SC2086
  npm run -s text-recognition -- train --method "$2" --seed "$3" \
    --out "$0/$2-$3" $1 > "$0/$2-$3.log" 2>&1 ||
    { echo "train --method $2 --seed $3 failed; see $0/$2-$3.log" >&2; exit 255; }
  tail -n 1 "$0/$2-$3.log"' "$OUT" "$FLAGS"
npm run -s text-recognition -- report --runs "$OUT"
