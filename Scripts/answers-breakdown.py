#!/usr/bin/env python3
"""Where do a model's wrong answers come from? Reads the answers file of `lagrangify eval --answers FILE`.

Usage: Scripts/answers-breakdown.py ANSWERS.jsonl [MODE]   (MODE: greedy, the default; guided; checked)

For each number of fields it prints exact match split by whether the reference Lagrangian has a Yukawa term (the
relation the model learns worst: two fermions and a scalar whose hypercharges cancel), and sorts the wrong answers:
  early stop   the answer is a proper prefix of the reference (it ended too soon);
  omission     it skipped reference terms and wrote nothing else (every term it wrote is in the reference);
  spurious     it wrote at least one term the reference lacks (a wrong field tuple or contraction).
Operators are compared as token strings (kind, factors, one contraction), so a wrong contraction counts as spurious.
"""
import collections, json, sys

KINDS = {"LIN", "MASS", "CUB", "QUAR", "FMASS", "YUK"}


def operators(output):
    """The operators of an output token string: (term, contraction) for each `&`-separated contraction of a term
    (a term with none is one operator), so that a term missing one of its contractions is an omission."""
    terms, cur = [], []
    for t in output.split():
        if t in KINDS and cur:
            terms.append(cur)
            cur = []
        cur.append(t)
    if cur:
        terms.append(cur)
    out = set()
    for term in terms:
        k = next((i for i in range(1, len(term)) if not term[i].startswith("F")), len(term))
        head, rest = " ".join(term[:k]), " ".join(term[k:])
        for c in rest.split(" & "):
            out.add((head, c))
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mode = sys.argv[2] if len(sys.argv) > 2 else "greedy"
    with open(sys.argv[1]) as f:
        header = json.loads(f.readline())
        if header.get("format") != "lagrangify-eval-answers" or header.get("format_version") != 1:
            sys.exit(f"{sys.argv[1]} is not a lagrangify-eval-answers file of format_version 1 (header {header})")
        rows = [r for r in map(json.loads, f) if r["mode"] == mode]
    if not rows:
        sys.exit(f"no answers of mode {mode} in {sys.argv[1]}")
    print(f"{mode}: exact match by fields, split by a Yukawa in the reference; wrong answers by kind")
    print(f"{'fields':>6} {'all':>14} {'no Yukawa':>14} {'Yukawa':>14} {'early stop':>11} {'omission':>9} {'spurious':>9}")
    for n in sorted({r["n_fields"] for r in rows}):
        rs = [r for r in rows if r["n_fields"] == n]
        def rate(sub):
            return f"{sum(r['exact'] for r in sub)}/{len(sub)}" + (f" ({100 * sum(r['exact'] for r in sub) / len(sub):.0f}%)" if sub else "")
        yuk = [r for r in rs if "YUK" in r["reference"].split()]
        kinds = collections.Counter()
        for r in rs:
            if r["exact"]:
                continue
            a, ref = r["answer"].split(), r["reference"].split()
            if len(a) < len(ref) and ref[:len(a)] == a:
                kinds["early"] += 1
            elif operators(r["answer"]) <= operators(r["reference"]):
                kinds["omission"] += 1
            else:
                kinds["spurious"] += 1
        print(f"{n:>6} {rate(rs):>14} {rate([r for r in rs if r not in yuk]):>14} {rate(yuk):>14} "
              f"{kinds['early']:>11} {kinds['omission']:>9} {kinds['spurious']:>9}")


if __name__ == "__main__":
    main()
