// The backward pass of the pre-LN (mBART) variant; the forward pass is beside the post-LN one in Seq2SeqModel.swift.
//
// Pre-LN keeps an un-normalised residual stream r: each sublayer adds f(LayerNorm(r)) to it, so d loss / d r flows
// through every layer unchanged and each sublayer only adds its share. One buffer dR holds that gradient; each
// sublayer, last to first, backpropagates dR through f into dLn (d loss / d its layer-norm output) and then adds the
// layer norm's input gradient back into dR. Buffers: dR = dB, dLn = dA, out_proj input dC, cross-attention dq dD.

extension Seq2SeqModel {
    func backwardPreLN(_ batch: Seq2SeqBatch, _ a: Activations<T>) {
        let L = layout, p = params.p, g = grads.p, be = backend, th = threads
        let B = batch.batch, S = batch.sourceLength, Tt = batch.targetLength
        let C = config.dModel, F = config.ffn, H = config.heads, V = config.vocabSize
        let N = B * S, M = B * Tt
        let scale: T = config.scaleEmbedding ? T(C).squareRoot() : 1
        let dR = a.dB, dLn = a.dA

        // Logits = decOut·sharedᵀ + bias, decOut = decoder.layer_norm(res3 of the last layer).
        zero(dLn, M * C)
        linearBackward(be, threads: th, dLn, g + L.shared, g + L.finalLogitsBias, a.logits, a.decOut, p + L.shared,
                       n: M, in: C, out: V)
        let dfn = L.decoderFinalNorm!
        zero(dR, M * C)
        layerNormBackward(dR, g + dfn.g, g + dfn.b, dLn, a.dec.last!.res3, p + dfn.g, a.decOutMean, a.decOutRstd, n: M, c: C)
        a.dEnc.update(repeating: 0, count: N * C)
        let encOut = a.encOut

        for l in stride(from: config.decoderLayers - 1, through: 0, by: -1) {
            let d = a.dec[l], w = L.decoder[l]
            let x = l == 0 ? a.decX0 : a.dec[l - 1].res3
            // res3 = res2 + fc2(gelu(fc1(ln3))), ln3 = final_layer_norm(res2).
            zero(a.dFF, M * F)
            linearBackward(be, threads: th, a.dFF, g + w.fc2.w, g + w.fc2.b, dR, d.gelu, p + w.fc2.w, n: M, in: F, out: C)
            zero(a.dFF2, M * F)
            geluBackward(a.dFF2, d.fc1, a.dFF, count: M * F)
            zero(dLn, M * C)
            linearBackward(be, threads: th, dLn, g + w.fc1.w, g + w.fc1.b, a.dFF2, d.ln3, p + w.fc1.w, n: M, in: C, out: F)
            layerNormBackward(dR, g + w.finalNorm.g, g + w.finalNorm.b, dLn, d.res2, p + w.finalNorm.g, d.mean3, d.rstd3, n: M, c: C)
            // res2 = res1 + out_proj(cross-attention(q(ln2), kv(encoder output))), ln2 = encoder_attn_layer_norm(res1).
            zero(a.dC, M * C)
            linearBackward(be, threads: th, a.dC, g + w.crossAttn.o.w, g + w.crossAttn.o.b, dR, d.cattn, p + w.crossAttn.o.w, n: M, in: C, out: C)
            zero(a.dD, M * C); zero(a.dKV, N * 2 * C)
            attentionBackward(be, threads: th, dq: a.dD, lddq: C, dk: a.dKV, lddk: 2 * C, dv: a.dKV + C, lddv: 2 * C,
                              dprobs: a.dProbs, dout: a.dC, probs: d.cprobs, q: d.q, ldq: C, k: d.kv, ldk: 2 * C,
                              v: d.kv + C, ldv: 2 * C, batch: B, queries: Tt, keys: S, c: C, heads: H)
            zero(dLn, M * C)
            linearBackward(be, threads: th, dLn, g + w.crossAttn.q.w, g + w.crossAttn.q.b, a.dD, d.ln2, p + w.crossAttn.q.w, n: M, in: C, out: C)
            linearBackward(be, threads: th, a.dEnc, g + w.crossAttn.kvW, g + w.crossAttn.kvB, a.dKV, encOut, p + w.crossAttn.kvW, n: N, in: C, out: 2 * C)
            layerNormBackward(dR, g + w.crossNorm.g, g + w.crossNorm.b, dLn, d.res1, p + w.crossNorm.g, d.mean2, d.rstd2, n: M, c: C)
            // res1 = x + out_proj(causal self-attention(qkv(ln1))), ln1 = self_attn_layer_norm(x).
            zero(a.dC, M * C)
            linearBackward(be, threads: th, a.dC, g + w.selfAttn.o.w, g + w.selfAttn.o.b, dR, d.attn, p + w.selfAttn.o.w, n: M, in: C, out: C)
            zero(a.dQKV, M * 3 * C)
            attentionBackward(be, threads: th, dq: a.dQKV, lddq: 3 * C, dk: a.dQKV + C, lddk: 3 * C, dv: a.dQKV + 2 * C, lddv: 3 * C,
                              dprobs: a.dProbs, dout: a.dC, probs: d.probs, q: d.qkv, ldq: 3 * C, k: d.qkv + C, ldk: 3 * C,
                              v: d.qkv + 2 * C, ldv: 3 * C, batch: B, queries: Tt, keys: Tt, c: C, heads: H)
            zero(dLn, M * C)
            linearBackward(be, threads: th, dLn, g + w.selfAttn.qkvW, g + w.selfAttn.qkvB, a.dQKV, d.ln1, p + w.selfAttn.qkvW, n: M, in: C, out: 3 * C)
            layerNormBackward(dR, g + w.selfNorm.g, g + w.selfNorm.b, dLn, x, p + w.selfNorm.g, d.mean1, d.rstd1, n: M, c: C)
        }
        // dR = d loss / d decX0; decX0 = layernorm_embedding(decEmb).
        zero(dLn, M * C)
        layerNormBackward(dLn, g + L.decoderEmbeddingNorm.g, g + L.decoderEmbeddingNorm.b, dR, a.decEmb,
                          p + L.decoderEmbeddingNorm.g, a.decMean0, a.decRstd0, n: M, c: C)
        batch.decoderInput.withUnsafeBufferPointer {
            embeddingBackward(g + L.shared, g + L.decoderPositions, dLn, $0.baseAddress!, batch: B, length: Tt, c: C,
                              scale: scale, skip: config.padId)
        }

        // Encoder: encOut = encoder.layer_norm(res2 of the last layer); dEnc holds d loss / d encOut.
        let efn = L.encoderFinalNorm!
        zero(dR, N * C)
        layerNormBackward(dR, g + efn.g, g + efn.b, a.dEnc, a.enc.last!.res2, p + efn.g, a.encOutMean, a.encOutRstd, n: N, c: C)
        for l in stride(from: config.encoderLayers - 1, through: 0, by: -1) {
            let e = a.enc[l], w = L.encoder[l]
            let x = l == 0 ? a.encX0 : a.enc[l - 1].res2
            // res2 = res1 + fc2(gelu(fc1(ln2))), ln2 = final_layer_norm(res1).
            zero(a.dFF, N * F)
            linearBackward(be, threads: th, a.dFF, g + w.fc2.w, g + w.fc2.b, dR, e.gelu, p + w.fc2.w, n: N, in: F, out: C)
            zero(a.dFF2, N * F)
            geluBackward(a.dFF2, e.fc1, a.dFF, count: N * F)
            zero(dLn, N * C)
            linearBackward(be, threads: th, dLn, g + w.fc1.w, g + w.fc1.b, a.dFF2, e.ln2, p + w.fc1.w, n: N, in: C, out: F)
            layerNormBackward(dR, g + w.finalNorm.g, g + w.finalNorm.b, dLn, e.res1, p + w.finalNorm.g, e.mean2, e.rstd2, n: N, c: C)
            // res1 = x + out_proj(self-attention(qkv(ln1))), ln1 = self_attn_layer_norm(x).
            zero(a.dC, N * C)
            linearBackward(be, threads: th, a.dC, g + w.selfAttn.o.w, g + w.selfAttn.o.b, dR, e.attn, p + w.selfAttn.o.w, n: N, in: C, out: C)
            zero(a.dQKV, N * 3 * C)
            attentionBackward(be, threads: th, dq: a.dQKV, lddq: 3 * C, dk: a.dQKV + C, lddk: 3 * C, dv: a.dQKV + 2 * C, lddv: 3 * C,
                              dprobs: a.dProbs, dout: a.dC, probs: e.probs, q: e.qkv, ldq: 3 * C, k: e.qkv + C, ldk: 3 * C,
                              v: e.qkv + 2 * C, ldv: 3 * C, batch: B, queries: S, keys: S, c: C, heads: H)
            zero(dLn, N * C)
            linearBackward(be, threads: th, dLn, g + w.selfAttn.qkvW, g + w.selfAttn.qkvB, a.dQKV, e.ln1, p + w.selfAttn.qkvW, n: N, in: C, out: 3 * C)
            layerNormBackward(dR, g + w.selfNorm.g, g + w.selfNorm.b, dLn, x, p + w.selfNorm.g, e.mean1, e.rstd1, n: N, c: C)
        }
        zero(dLn, N * C)
        layerNormBackward(dLn, g + L.encoderEmbeddingNorm.g, g + L.encoderEmbeddingNorm.b, dR, a.encEmb,
                          p + L.encoderEmbeddingNorm.g, a.encMean0, a.encRstd0, n: N, c: C)
        batch.source.withUnsafeBufferPointer {
            embeddingBackward(g + L.shared, g + L.encoderPositions, dLn, $0.baseAddress!, batch: B, length: S, c: C,
                              scale: scale, skip: config.padId)
        }
        current = nil   // the logits buffer now holds gradients
    }
}
