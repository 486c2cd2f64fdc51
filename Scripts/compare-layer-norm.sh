#!/usr/bin/env bash
# compare-layer-norm.sh [STEPS] -- post-LN (BART) against pre-LN (mBART) at the `tiny` configuration: the same corpus,
# seed, batches and schedule (warm-up 100, cosine to STEPS), only the layer order differs; two peak learning rates.
# Each pair runs side by side, one thread each; validation loss (500 pairs) every 200 steps in runs/ln/<order>-<lr>.log.
# Needs the corpus of Scripts/train-default.sh (runs/small-irreps-v1).
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=${1:-600}
BIN=${BIN:-.build/release/lagrangify}
mkdir -p runs/ln
for lr in 7e-4 2e-3; do
  for v in post pre; do
    extra=(); [ $v = pre ] && extra=(--pre-ln)
    [ -f runs/ln/$v-$lr/training.json ] && continue
    $BIN train --corpus runs/small-irreps-v1 --out runs/ln/$v-$lr --config tiny ${extra[@]+"${extra[@]}"} --steps "$STEPS" \
      --warmup 100 --lr $lr --label-smoothing 0.05 --max-target 640 --threads 1 --valid-examples 500 --eval-every 200 \
      --log-every 50 --save-every "$STEPS" > runs/ln/$v-$lr.log 2>&1 &
  done
  wait
done
grep -H "validation loss" runs/ln/*.log
