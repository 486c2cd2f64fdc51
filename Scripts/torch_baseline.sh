#!/usr/bin/env bash
# torch_baseline.sh [--install] [--quick] [CONFIG...]
#
# Runs our `transformer` benchmark suite and /work/shared/bench/torch_bart_bench.py (PyTorch + Hugging Face
# BartForConditionalGeneration, fp32, 2 threads, dropout 0 like ours) back to back on the same configuration and
# shapes (B 16, S 48, T 512; greedy decoding 1 and 32 sequences x 512 tokens), then prints ours / PyTorch
# ratios. CONFIG is tiny and/or small (default: both).
#
# PyTorch comes from a virtual environment: $TORCH_VENV (default .venv-torch). With --install the script creates
# it and runs `pip install torch transformers` (the local CPU wheel when pip's configuration offers one, ~1 GB;
# otherwise PyPI, ~5 GB). Without torch the PyTorch half is skipped with a note and our numbers still print.
# Environment: TORCH_VENV, TORCH_BENCH (the PyTorch script), LAGRANGIFY_BENCH (a built lagrangify-bench).
set -uo pipefail
cd "$(dirname "$0")/.."
VENV="${TORCH_VENV:-.venv-torch}"
BENCH_PY="${TORCH_BENCH:-../shared/bench/torch_bart_bench.py}"
INSTALL=0; QUICK=0; CONFIGS=()
for a in "$@"; do
  case "$a" in
    --install) INSTALL=1 ;;
    --quick) QUICK=1 ;;
    tiny|small) CONFIGS+=("$a") ;;
    *) echo "usage: $0 [--install] [--quick] [tiny] [small]" >&2; exit 64 ;;
  esac
done
[ ${#CONFIGS[@]} -eq 0 ] && CONFIGS=(tiny small)

if [ $INSTALL = 1 ] && [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "torch==2.13.0+cpu" transformers 2>/dev/null \
    || "$VENV/bin/pip" install -q torch transformers || echo "note: pip install torch transformers failed"
fi
HAVE_TORCH=0
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import torch, transformers" 2>/dev/null; then HAVE_TORCH=1; fi
[ -f "$BENCH_PY" ] || { echo "note: $BENCH_PY not found; PyTorch half skipped"; HAVE_TORCH=0; }

# LAGRANGIFY_BENCH=PATH uses an already built lagrangify-bench (e.g. the one `swift test -c release` built, whose
# flags differ from `swift build -c release`, so building here again would recompile everything).
if [ -n "${LAGRANGIFY_BENCH:-}" ]; then
  BIN="$LAGRANGIFY_BENCH"
else
  swift build -c release --product lagrangify-bench >/dev/null || exit 1
  BIN="$(swift build -c release --show-bin-path)/lagrangify-bench"
fi
OUT="$(mktemp -d)"
for c in "${CONFIGS[@]}"; do
  ARGS=(--config "$c"); TARGS=(--batch 16 --src-len 48 --tgt-len 512 --decode-len 512 --decode-batch 32)
  if [ $QUICK = 1 ]; then ARGS+=(quick); TARGS=(--batch 16 --src-len 48 --tgt-len 128 --decode-len 64 --decode-batch 8 --train-steps 2 --warmup-steps 1 --decode-reps 2); fi
  echo "== ours: $c"
  "$BIN" transformer "${ARGS[@]}" | tee "$OUT/ours-$c.txt" | grep -v '^BENCH'
  if [ $HAVE_TORCH = 1 ]; then
    echo "== PyTorch: $c (2 threads, dropout 0)"
    "$VENV/bin/python" "$BENCH_PY" --preset "$c" --threads 2 --dropout 0 --idle-wait 10 \
      --modes train,decode1,decodeB "${TARGS[@]}" 2>/dev/null | tee "$OUT/torch-$c.txt" | grep -vE '^\{'
  else
    echo "note: torch/transformers not installed in $VENV (run with --install); PyTorch comparison skipped"
  fi
done
# Ratios (ours / PyTorch; above 1 = we are faster).
python3 - "$OUT" "${CONFIGS[@]}" <<'PY'
import json, sys, os
out = sys.argv[1]
for c in sys.argv[2:]:
    ours = {}
    for line in open(os.path.join(out, "ours-%s.txt" % c)):
        if line.startswith("BENCH "):
            r = json.loads(line[6:]); ours[r["name"]] = r
    tp = os.path.join(out, "torch-%s.txt" % c)
    if not os.path.exists(tp):
        continue
    last = [l for l in open(tp) if l.startswith("{")]
    if not last:
        print("%s: PyTorch produced no JSON" % c); continue
    t = json.loads(last[-1])
    def best(prefix, key):
        v = [float(r[key]) for n, r in ours.items() if n.startswith(prefix) and key in r]
        return max(v) if v else float("nan")
    rows = [("training target tok/s", best(c + "_train", "target_tok_s"), t["train"]["target_tokens_per_s_median"]),
            ("greedy decode, 1 sequence, tok/s", best(c + "_decode1_", "tok_s"), t["decode1"]["tokens_per_s_median"]),
            ("greedy decode, batch %d, tok/s" % t["decodeB"]["batch"], best(c + "_decode%d_" % t["decodeB"]["batch"], "tok_s"),
             t["decodeB"]["tokens_per_s_median"])]
    print("\n%s (torch %s, %d threads):" % (c, t["torch"], t["threads"]))
    print("| measure | ours | PyTorch | ours / PyTorch |\n|---|---|---|---|")
    for name, o, p in rows:
        print("| %s | %.0f | %.0f | %.2f |" % (name, o, p, o / p))
PY
rm -rf "$OUT"
