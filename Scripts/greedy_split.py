"""Shared by the error-analysis scripts (first-divergence.py, term-recall.py): the command line MODEL SPLIT [N] and
the model's greedy answers for the first N pairs of a corpus split, decoded by `lagrangify predict`."""
import json, os, subprocess, sys


def greedy_pairs(doc, default_n):
    """[(corpus row, model output string)] for `script MODEL_DIR SPLIT.jsonl [N]`; exits with `doc` on bad usage.
    $LAGRANGIFY names the binary (default .build/release/lagrangify)."""
    if len(sys.argv) < 3:
        sys.exit(doc)
    model, split = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else default_n
    binary = os.environ.get("LAGRANGIFY", ".build/release/lagrangify")
    rows = [json.loads(line) for line in open(split)][:n]
    run = subprocess.run([binary, "predict", "--model", model, "--max-length", "1024"] + [r["input"] for r in rows],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(run.stderr)
    return list(zip(rows, run.stdout.rstrip("\n").split("\n")))
