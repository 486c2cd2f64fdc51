#!/usr/bin/env python3
"""make_hf_fixture.py OUTDIR [--mbart] -- golden values from Hugging Face transformers for TransformerTests (llm.c's
test_gpt2 pattern: an independent implementation's logits, loss and every gradient).

Builds a micro BartForConditionalGeneration (d 8, 2+2 layers, 2 heads, ffn 12, vocab 11, 9 positions; weights
N(0, 0.3²) so every path matters; final_logits_bias random), runs one padded batch of two pairs with
teacher forcing, and writes OUTDIR/config.json + model.safetensors (save_pretrained), OUTDIR/grads.safetensors
(d loss / d parameter, by name, shared embedding once) and OUTDIR/case.json (inputs, loss, logits).
With --mbart the same micro model is an MBartForConditionalGeneration (pre-LN, final encoder/decoder layer norms).
CI never runs this; the outputs are committed. Regenerate with: python Scripts/make_hf_fixture.py \
Tests/TransformerTests/Fixtures/hf-micro and python Scripts/make_hf_fixture.py Tests/TransformerTests/Fixtures/hf-micro-mbart --mbart
"""
import json
import sys

import torch
from safetensors.torch import save_file
from transformers import BartConfig, BartForConditionalGeneration, MBartConfig, MBartForConditionalGeneration

out = sys.argv[1]
mbart = "--mbart" in sys.argv[2:]
Config, Model = (MBartConfig, MBartForConditionalGeneration) if mbart else (BartConfig, BartForConditionalGeneration)
torch.manual_seed(0)
conf = Config(vocab_size=11, d_model=8, encoder_layers=2, decoder_layers=2, encoder_attention_heads=2,
                  decoder_attention_heads=2, encoder_ffn_dim=12, decoder_ffn_dim=12, max_position_embeddings=9,
                  dropout=0.0, attention_dropout=0.0, activation_dropout=0.0, activation_function="gelu",
                  pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
                  forced_bos_token_id=None, forced_eos_token_id=None, scale_embedding=False)
model = Model._from_config(conf, attn_implementation="eager").float()
with torch.no_grad():
    for n, p in model.named_parameters():
        if "layer_norm" in n or "layernorm" in n:
            p.normal_(1.0, 0.1) if n.endswith("weight") else p.normal_(0.0, 0.1)
        else:
            p.normal_(0.0, 0.3)
    model.model.shared.weight[1].zero_()          # padding row, as BART's init
    model.final_logits_bias.normal_(0.0, 0.3)
model.train()  # dropout is 0 anyway
# Two pairs framed as lagrangify frames them: source [bos] + s + [eos], labels t + [eos].
src = [[0, 5, 9, 3, 7, 2], [0, 4, 2, 1, 1, 1]]
lab = [[8, 3, 6, 2], [10, 2, 1, 1]]
dec = [[2, 8, 3, 6], [2, 10, 2, 1]]
input_ids = torch.tensor(src)
mask = (input_ids != 1).long()
labels = torch.tensor(lab)
labels_ignored = labels.masked_fill(labels == 1, -100)
o = model(input_ids=input_ids, attention_mask=mask, decoder_input_ids=torch.tensor(dec), labels=labels_ignored)
o.loss.backward()
model.save_pretrained(out, safe_serialization=True)
grads = {n: p.grad.detach().contiguous() for n, p in model.named_parameters() if p.grad is not None}
save_file(grads, out + "/grads.safetensors")
json.dump(dict(input_ids=src, decoder_input_ids=dec, labels=lab, loss=o.loss.item(),
               logits=o.logits.detach().flatten().tolist(),
               generator="Scripts/make_hf_fixture.py; torch %s" % torch.__version__),
          open(out + "/case.json", "w"))
print("loss", o.loss.item(), "grads", sorted(grads)[:3], len(grads))
