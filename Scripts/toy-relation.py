#!/usr/bin/env python3
"""A toy corpus for the batch-order finding (issue 9): is the first source token equal to the third?

Usage: Scripts/toy-relation.py OUT_DIR [--answer-form none|token] [--seed S]

Sources are `a 30 b` with a, b drawn from 13 value tokens (10..22), b = a half the time. With --answer-form none
(the default) the answer is token 40 when a = b and empty otherwise, so answers differ in length as a Lagrangian
with or without a fermion mass does; with `token` it is 40 or 41 (every answer one token). 20,000 training and
1,000 validation pairs in the token-line format `lagrangify train --corpus` reads (vocabulary of 48 ids). Then
    lagrangify train --corpus OUT_DIR --out RUN --config tiny --d-model 64 --layers 2 --heads 4 --ffn 128 \\
        --steps 2000 --lr 1e-3 --warmup 100 --label-smoothing 0 --threads 1 --token-budget 1024 --batch-order pooled
A model that has learned the relation reaches validation loss ~0; one that has not stays near 0.45 (the entropy of
the answer's first token spread over the 1.54 tokens of an average answer).
"""
import argparse, json, os, random

p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
p.add_argument("out")
p.add_argument("--answer-form", choices=["none", "token"], default="none")
p.add_argument("--seed", type=int, default=1)
args = p.parse_args()
random.seed(args.seed)
os.makedirs(args.out, exist_ok=True)


def example():
    a = random.randint(-6, 6)
    b = a if random.random() < 0.5 else random.randint(-6, 6)
    answer = [40] if a == b else ([] if args.answer_form == "none" else [41])
    return [16 + a, 30, 16 + b], answer


for split, n in (("train", 20000), ("valid", 1000)):
    with open(f"{args.out}/{split}.src", "w") as src, open(f"{args.out}/{split}.tgt", "w") as tgt:
        for _ in range(n):
            s, t = example()
            src.write(" ".join(map(str, s)) + "\n")
            tgt.write(" ".join(map(str, t)) + "\n")
with open(f"{args.out}/manifest.json", "w") as f:
    json.dump({"format": "lagrangify-token-lines", "format_version": 1, "vocab_size": 48, "pad_id": 1, "bos_id": 0, "eos_id": 2}, f)
