#!/usr/bin/env bash
# The shipped model (Models/default), trained in resumable stages on this 2-core machine. Each call:
#   1. writes the corpus if it is missing (deterministic: same command, same bytes),
#   2. trains for at most $MINUTES minutes, resuming the run in $RUN if there is one (exact resume),
#   3. evaluates the latest checkpoint on the held-out splits (greedy, guided, checked) into $RUN/eval.{json,svg},
#   4. with EXPORT=1, exports it as 16-bit weights to Models/default.
# Environment: RUN (runs/default), INPUT_FORM (compact: the shipped model's; paper: the paper's form, the first
# model's), CORPUS (runs/compact-irreps-v1, or runs/small-irreps-v1 for paper), STEPS (total schedule, 12000),
# MINUTES (150), PER_FIELDS (examples per field count in the evaluation, 200), MODES (decoding modes evaluated,
# greedy,guided,checked; checked costs about 1 s an example at six fields), EXPORT (0), OVERSAMPLE (e.g.
# 1:40,5:2,6:2, repeats pairs by field count; part of the run's data, so keep it the same across stages),
# OVERSAMPLE_TERMS (e.g. YUK:3,FMASS:3, repeats pairs whose target has that term kind; same rule), PRE_LN (1:
# mBART's layer order, new runs), INIT_FROM (a model directory, e.g. Models/default: a new run warm-started from its
# weights, with LR (4e-4) and WARMUP (200); ignored when $RUN can resume), LAYERS (with INIT_FROM: stack its layers
# to this depth, new layer j copying old layer j mod L). New runs use the pooled batch order.
# How Models/default was made (README, "The trained model"): a paper-form run of 12,000 steps, then three compact
# warm starts, then a warm start stacked to 6+6 layers (LAYERS=6), then a warm start with six-field pairs weighted
# more; it was (and to continue it, with a new RUN; no LAYERS: it is 6+6 already):
#   INIT_FROM=Models/default RUN=runs/stack6h LR=1.5e-4 WARMUP=150 STEPS=4400 OVERSAMPLE=1:40,5:3,6:5 \
#   Scripts/train-default.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=${RUN:-runs/default}
INPUT_FORM=${INPUT_FORM:-compact}
if [ "$INPUT_FORM" = compact ]; then CORPUS=${CORPUS:-runs/compact-irreps-v1}; else CORPUS=${CORPUS:-runs/small-irreps-v1}; fi
STEPS=${STEPS:-12000}
MINUTES=${MINUTES:-150}
PER_FIELDS=${PER_FIELDS:-200}
Scripts/install-deps.sh
swift build -c release --product lagrangify
BIN=.build/release/lagrangify
if [ ! -f "$CORPUS/manifest.json" ]; then
    # SU(3) 1, 3, 3bar (as the paper's fields), SU(2) 1, 2, 3, hypercharges k/6 with |k| ≤ 6, interacting sampler.
    # compact: every fermion left-handed, five tokens a field (the same examples as paper with
    # --right-handed-fraction 0); paper: half the fermions spelled right-handed, as the paper's inputs.
    if [ "$INPUT_FORM" = compact ]; then FORM=(--input-form compact); else FORM=(); fi
    $BIN corpus --out "$CORPUS" --examples 300000 --seed 3 --su3 1,3,3bar --ood-examples 3000 ${FORM[@]+"${FORM[@]}"}
fi
# The recipe: 3.5M parameters (d 192, 3+3 layers, 6 heads, ffn 768), AdamW 7e-4 with 400 warm-up steps and cosine
# decay over $STEPS steps, label smoothing 0.05, targets over 640 tokens (0.4% of pairs) left out of training.
RECIPE=(--max-target 640 --log-every 50 --eval-every 1000 --save-every 250 --time-limit "$MINUTES")
if [ -n "${OVERSAMPLE:-}" ]; then RECIPE+=(--oversample "$OVERSAMPLE"); fi
if [ -n "${OVERSAMPLE_TERMS:-}" ]; then RECIPE+=(--oversample-terms "$OVERSAMPLE_TERMS"); fi
NEW=()
if [ "${PRE_LN:-0}" = 1 ]; then NEW+=(--pre-ln); fi
if [ -f "$RUN/training.json" ]; then
    $BIN train --corpus "$CORPUS" --out "$RUN" --resume --steps "$STEPS" "${RECIPE[@]}"
elif [ -n "${INIT_FROM:-}" ]; then
    # A warm start: the weights of INIT_FROM (e.g. Models/default, which survives a machine that lost runs/), a fresh
    # optimiser and a new warm-up + cosine schedule of $STEPS steps peaking at $LR.
    $BIN train --corpus "$CORPUS" --out "$RUN" --init-from "$INIT_FROM" --steps "$STEPS" --lr "${LR:-4e-4}" \
        --warmup "${WARMUP:-200}" --label-smoothing 0.05 "${RECIPE[@]}" ${LAYERS:+--layers "$LAYERS"}
else
    $BIN train --corpus "$CORPUS" --out "$RUN" --config small --d-model 192 --layers 3 --heads 6 --ffn 768 \
        --steps "$STEPS" --lr 7e-4 --warmup 400 --label-smoothing 0.05 "${RECIPE[@]}" ${NEW[@]+"${NEW[@]}"}
fi
$BIN eval --model "$RUN" --corpus "$CORPUS" --per-fields "$PER_FIELDS" --modes "${MODES:-greedy,guided,checked}" \
    --json "$RUN/eval.json" --svg "$RUN/eval.svg"
if [ "${EXPORT:-0}" = 1 ]; then
    $BIN export --model "$RUN" --out Models/default --dtype F16
    cp "$RUN/eval.json" "$RUN/eval.svg" Models/default/
fi
