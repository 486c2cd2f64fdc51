#!/usr/bin/env python3
"""hf_parity.py DIR -- check that Hugging Face transformers agrees with lagrangify on an exported model.

DIR is written by `lagrangify export-hf --model M --out DIR` (config.json, model.safetensors,
lagrangify_parity.json). Loads it with AutoModelForSeq2SeqLM.from_pretrained (BART, or mBART for a pre-LN model), recomputes the logits and
loss of each stored case (teacher forcing) and the greedy output, and compares with the numbers lagrangify
stored. Exit 0 when max |logit difference| < 1e-4 and every greedy output is identical; 1 otherwise.
Needs torch and transformers (Scripts/torch_baseline.sh --install sets up a venv).
"""
import json
import sys

import torch
from transformers import AutoModelForSeq2SeqLM, GenerationConfig


def main():
    d = sys.argv[1]
    model = AutoModelForSeq2SeqLM.from_pretrained(d, attn_implementation="eager").float().eval()
    sample = json.load(open(d + "/lagrangify_parity.json"))
    V = sample["vocab_size"]
    worst, ok = 0.0, True
    for i, c in enumerate(sample["cases"]):
        src = torch.tensor([c["input_ids"]])
        dec = torch.tensor([c["decoder_input_ids"]])
        labels = torch.tensor([c["labels"]])
        with torch.no_grad():
            out = model(input_ids=src, attention_mask=torch.ones_like(src), decoder_input_ids=dec, labels=labels)
        ours = torch.tensor(c["logits"]).view(1, -1, V)
        diff = (out.logits - ours).abs().max().item()
        worst = max(worst, diff)
        dloss = abs(out.loss.item() - c["loss"])
        n = c["greedy_max_length"]
        g = GenerationConfig(max_length=n, num_beams=1, do_sample=False,
                             decoder_start_token_id=model.config.decoder_start_token_id,
                             eos_token_id=model.config.eos_token_id, pad_token_id=model.config.pad_token_id,
                             forced_bos_token_id=None, forced_eos_token_id=None, no_repeat_ngram_size=0)
        with torch.no_grad():
            gen = model.generate(input_ids=src, attention_mask=torch.ones_like(src), generation_config=g)[0].tolist()
        # transformers keeps the EOS it emitted; lagrangify's greedy list stops before it.
        eos = model.config.eos_token_id
        hf = gen[:1] + [t for t in gen[1:]]
        if eos in hf[1:]:
            hf = hf[:1 + hf[1:].index(eos)]
        same = hf == c["greedy"]
        ok &= same and diff < 1e-4 and dloss < 1e-4
        print("case %d: max |logit diff| %.2e, |loss diff| %.2e, greedy %s (ours %s, transformers %s)"
              % (i, diff, dloss, "same" if same else "DIFFERENT", c["greedy"], hf))
    print("max |logit diff| %.2e over %d cases: %s" % (worst, len(sample["cases"]), "OK" if ok else "MISMATCH"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
