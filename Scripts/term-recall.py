#!/usr/bin/env python3
"""Which kinds of term does a model miss? An error analysis for issue 9, finer than exact match.

Usage: Scripts/term-recall.py MODEL_DIR SPLIT.jsonl [N]   (e.g. Models/default runs/lh-irreps-v1/test_n6.jsonl 300)

Decodes the first N pairs of the split greedily with `lagrangify predict` and compares monomials (a term kind with
its factors, e.g. `YUK F0 F2 F5*`; contractions ignored) with the reference's. Each monomial gets a signature: its
kind and the pattern of its factors with fields renamed in order of appearance (`YUK a b c*`, `QUAR a* a* b b`), so
terms whose existence needs the same kind of quantum-number relation are counted together. Prints, per signature,
how many reference monomials there are, the share the model wrote (recall) and how many it wrote that the reference
lacks (spurious). Then fermion masses and Yukawas split by how their fermions are spelled in the input (HEL: L
left-handed, R right-handed), the split that motivated `lagrangify corpus --right-handed-fraction 0`. Last, where
the wrong answers go wrong: exact match with and without a Yukawa in the reference, and how many wrong answers have
every monomial right (only contractions differ) against those with a missing or spurious term.
"""
import collections, sys
from greedy_split import greedy_pairs

KINDS = {"LIN", "MASS", "CUB", "QUAR", "FMASS", "YUK"}


def monomials(output):
    """(kind + factors, signature) of every term of an output token string."""
    toks, out, i = output.split(), [], 0
    while i < len(toks):
        if toks[i] not in KINDS:
            i += 1
            continue
        j, factors = i + 1, []
        while j < len(toks) and toks[j].startswith("F") and toks[j][1:].rstrip("*").isdigit():
            factors.append(toks[j])
            j += 1
        names, pattern = {}, []
        for f in factors:
            base = f.rstrip("*")
            names.setdefault(base, "abcdefgh"[min(len(names), 7)])
            pattern.append(names[base] + ("*" if f.endswith("*") else ""))
        out.append((toks[i] + " " + " ".join(factors), toks[i] + " " + " ".join(pattern)))
        i = j
    return out


def helicities(source):
    """Per input field: 'L' or 'R' for fermions (the token after HEL), None for scalars."""
    toks, fields = source.split(), []
    for k, t in enumerate(toks):
        if t == "FIELD":
            fields.append(None)
        elif t == "HEL":
            fields[-1] = "R" if toks[k + 1] == "1" else "L"
    return fields


def main():
    pairs = greedy_pairs(__doc__, 300)
    total, hit, spurious = collections.Counter(), collections.Counter(), collections.Counter()
    chir_total, chir_hit = collections.Counter(), collections.Counter()
    exact, wrong_how = collections.Counter(), collections.Counter()
    for r, line in pairs:
        ref, hyp = set(monomials(r["output"])), set(monomials(line))
        group = "with a Yukawa" if any(sig.startswith("YUK") for _, sig in ref) else "without a Yukawa"
        exact[group, line.split() == r["output"].split()] += 1
        if line.split() != r["output"].split():
            wrong_how["only contractions (or order) differ" if ref == hyp
                      else "a term missing or spurious"] += 1
        hel = helicities(r["input"])
        for m, sig in ref:
            total[sig] += 1
            hit[sig] += m in {h for h, _ in hyp}
            kind = sig.split()[0]
            if kind in ("FMASS", "YUK"):
                fields = [int(f[1:].rstrip("*")) for f in m.split()[1:]]
                key = (kind, "".join(sorted(hel[i] for i in fields if hel[i])))
                chir_total[key] += 1
                chir_hit[key] += m in {h for h, _ in hyp}
        for m, sig in hyp - ref:
            spurious[sig] += 1
    print(f"{len(pairs)} pairs of {sys.argv[2]}, model {sys.argv[1]}")
    print(f"{'signature':22s} {'reference':>9s} {'recall':>7s} {'spurious':>8s}")
    for sig, c in sorted(total.items(), key=lambda x: -x[1]):
        print(f"{sig:22s} {c:9d} {hit[sig] / c:7.3f} {spurious[sig]:8d}")
    for sig in sorted(set(spurious) - set(total)):
        print(f"{sig:22s} {0:9d} {'':>7s} {spurious[sig]:8d}")
    print("fermion terms by input spelling (L/R of their fermions): written / reference")
    for key in sorted(chir_total):
        print(f"  {key[0]:5s} {key[1]:3s} {chir_hit[key]:5d} / {chir_total[key]}")
    print("exact match by whether the reference has a Yukawa:")
    for group in ("with a Yukawa", "without a Yukawa"):
        n = exact[group, True] + exact[group, False]
        if n:
            print(f"  {group:17s} {exact[group, True]:4d} / {n} ({100 * exact[group, True] / n:.1f}%)")
    print("wrong answers: " + ", ".join(f"{c} {how}" for how, c in sorted(wrong_how.items())))


if __name__ == "__main__":
    main()
