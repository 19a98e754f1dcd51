#!/bin/sh
# Regenerates the runs behind docs/benchmarks/text-recognition.md:
# ERM, Input Mixup and Manifold Mixup, seeds 1-3, then prints the table.
#   MIXUP_DATA_DIR=../shared/datasets sh apps/text-recognition/scripts/table.sh
set -e
OUT=${OUT:-runs/text-recognition}
SEEDS=${SEEDS:-"1 2 3"}
FLAGS="--train-lines 1500 --max-length 12 --epochs 12 --channels 12,24,48
  --hidden 96 --batch-size 32 --lr 0.003 --backend wasm --quiet"
for seed in $SEEDS; do
  for method in erm input manifold; do
    # shellcheck disable=SC2086
    npm run -s text-recognition -- train --method "$method" --seed "$seed" \
      --out "$OUT/$method-$seed" $FLAGS
  done
done
npm run -s text-recognition -- report --runs "$OUT"
