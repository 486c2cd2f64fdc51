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
        let C = config.dModel, V = config.vocabSize
        let N = B * S, M = B * Tt
        let scale: T = config.scaleEmbedding ? T(C).squareRoot() : 1
        let dR = a.dB, dLn = a.dA
        /// Adds the layer norm's input gradient (from dNormed = d loss / d its output) into dInput.
        func normBack(_ dInput: Ptr<T>, _ n: ParameterLayout.Norm, _ dNormed: Ptr<T>, _ input: Ptr<T>, _ mean: Ptr<T>, _ rstd: Ptr<T>, rows: Int) {
            layerNormBackward(dInput, g + n.g, g + n.b, dNormed, input, p + n.g, mean, rstd, n: rows, c: C)
        }

        // Logits = decOut·sharedᵀ + bias, decOut = decoder.layer_norm(res3 of the last layer).
        zero(dLn, M * C)
        linearBackward(be, threads: th, dLn, g + L.shared, g + L.finalLogitsBias, a.logits, a.decOut, p + L.shared,
                       n: M, in: C, out: V)
        zero(dR, M * C)
        normBack(dR, L.decoderFinalNorm!, dLn, a.dec.last!.res3, a.decOutMean, a.decOutRstd, rows: M)
        a.dEnc.update(repeating: 0, count: N * C)
        for l in stride(from: config.decoderLayers - 1, through: 0, by: -1) {
            let d = a.dec[l], w = L.decoder[l]
            let x = l == 0 ? a.decX0 : a.dec[l - 1].res3
            // res3 = res2 + ffn(ln3), ln3 = final_layer_norm(res2). On entry dR = d loss / d res3.
            zero(dLn, M * C)
            feedForwardBackward(w.fc1, w.fc2, dOut: dR, dIn: dLn, x: d.ln3, hidden: d.fc1, activated: d.gelu, rows: M, scratch: a, threads: th)
            normBack(dR, w.finalNorm, dLn, d.res2, d.mean3, d.rstd3, rows: M)
            // res2 = res1 + cross(ln2), ln2 = encoder_attn_layer_norm(res1).
            zero(dLn, M * C)
            crossAttentionBackward(w.crossAttn, dOut: dR, dIn: dLn, x: d.ln2, encoderOutput: a.encOut, q: d.q, kv: d.kv,
                                   probs: d.cprobs, attn: d.cattn, batch: B, target: Tt, source: S, scratch: a, threads: th)
            normBack(dR, w.crossNorm, dLn, d.res1, d.mean2, d.rstd2, rows: M)
            // res1 = x + self(ln1), ln1 = self_attn_layer_norm(x).
            zero(dLn, M * C)
            selfAttentionBackward(w.selfAttn, dOut: dR, dIn: dLn, x: d.ln1, qkv: d.qkv, probs: d.probs, attn: d.attn,
                                  batch: B, length: Tt, scratch: a, threads: th)
            normBack(dR, w.selfNorm, dLn, x, d.mean1, d.rstd1, rows: M)
        }
        // dR = d loss / d decX0; decX0 = layernorm_embedding(decEmb).
        zero(dLn, M * C)
        normBack(dLn, L.decoderEmbeddingNorm, dR, a.decEmb, a.decMean0, a.decRstd0, rows: M)
        batch.decoderInput.withUnsafeBufferPointer {
            embeddingBackward(g + L.shared, g + L.decoderPositions, dLn, $0.baseAddress!, batch: B, length: Tt, c: C,
                              scale: scale, skip: config.padId)
        }

        // Encoder: encOut = encoder.layer_norm(res2 of the last layer); dEnc holds d loss / d encOut.
        zero(dR, N * C)
        normBack(dR, L.encoderFinalNorm!, a.dEnc, a.enc.last!.res2, a.encOutMean, a.encOutRstd, rows: N)
        for l in stride(from: config.encoderLayers - 1, through: 0, by: -1) {
            let e = a.enc[l], w = L.encoder[l]
            let x = l == 0 ? a.encX0 : a.enc[l - 1].res2
            // res2 = res1 + ffn(ln2), ln2 = final_layer_norm(res1).
            zero(dLn, N * C)
            feedForwardBackward(w.fc1, w.fc2, dOut: dR, dIn: dLn, x: e.ln2, hidden: e.fc1, activated: e.gelu, rows: N, scratch: a, threads: th)
            normBack(dR, w.finalNorm, dLn, e.res1, e.mean2, e.rstd2, rows: N)
            // res1 = x + self(ln1), ln1 = self_attn_layer_norm(x).
            zero(dLn, N * C)
            selfAttentionBackward(w.selfAttn, dOut: dR, dIn: dLn, x: e.ln1, qkv: e.qkv, probs: e.probs, attn: e.attn,
                                  batch: B, length: S, scratch: a, threads: th)
            normBack(dR, w.selfNorm, dLn, x, e.mean1, e.rstd1, rows: N)
        }
        zero(dLn, N * C)
        normBack(dLn, L.encoderEmbeddingNorm, dR, a.encEmb, a.encMean0, a.encRstd0, rows: N)
        batch.source.withUnsafeBufferPointer {
            embeddingBackward(g + L.shared, g + L.encoderPositions, dLn, $0.baseAddress!, batch: B, length: S, c: C,
                              scale: scale, skip: config.padId)
        }
    }
}
