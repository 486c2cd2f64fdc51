#!/usr/bin/env python3
"""Where does a model's greedy answer first leave the reference? An error analysis for issue 9.

Usage: Scripts/first-divergence.py MODEL_DIR SPLIT.jsonl [N]   (e.g. Models/default runs/small-irreps-v1/test_n6.jsonl 30)

Decodes the first N pairs of the split with `lagrangify predict` (greedy, up to 1024 tokens) and prints, per wrong
answer, the position of the first differing token with the reference's and the model's next tokens there, then a
tally of what the reference had at that point (a term kind, a field, an index token, or the end). "hyp []" means
the model stopped (EOS) where the reference goes on.
"""
import collections
from greedy_split import greedy_pairs

def main():
    pairs = greedy_pairs(__doc__, 30)
    tally, right = collections.Counter(), 0
    for r, line in pairs:
        ref, hyp = r["output"].split(), line.split()
        if ref == hyp:
            right += 1
            continue
        i = next((k for k in range(min(len(ref), len(hyp))) if ref[k] != hyp[k]), min(len(ref), len(hyp)))
        print(f"len {len(ref)} vs {len(hyp)}, first difference at {i}: …{' '.join(ref[max(0, i - 6):i])} "
              f"ref [{' '.join(ref[i:i + 6])}] hyp [{' '.join(hyp[i:i + 6])}]")
        tally[(ref[i] if i < len(ref) else "<end>") + (" (model stops)" if i == len(hyp) else "")] += 1
    print(f"{right} of {len(pairs)} exact; reference token at the first difference: {dict(tally.most_common())}")

if __name__ == "__main__":
    main()
