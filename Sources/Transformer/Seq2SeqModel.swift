// The encoder–decoder: forward, then backward in exact reverse order (llm.c `gpt2_forward`/`gpt2_backward`).
// Glossary: B batch, S source length, T target length, C channels, H heads, F ffn width, V vocabulary;
// N = B·S source tokens, M = B·T target tokens. Row-major throughout.
//
// Post-LN like BART (each sublayer: x ← LayerNorm(x + f(x))), so the weights are BartForConditionalGeneration's
// without conversion. Pre-LN (mBART) is often easier to train deep; at 2–6 layers post-LN trains fine with
// warm-up, and keeping BART's layout means export is a renaming.

/// A BART-style sequence-to-sequence model with its parameters, gradients and activation memory.
///
/// `T` is `Float` for training and decoding, `Double` for finite-difference checks: the same code runs in both.
/// Call `forward(_:)` (returns the mean token loss), then `zeroGradients()` + `backward()`; gradients land in
/// `grads` at the same offsets as `params` (`layout` names them).
public final class Seq2SeqModel<T: ModelScalar> {
    public let config: ModelConfig
    public let layout: ParameterLayout
    /// All parameters, one slab, laid out by `layout`.
    public let params: Slab<T>
    /// d loss / d params, same layout. Added into by `backward()`.
    public let grads: Slab<T>
    /// Matrix-product kernels: OpenBLAS, or the naive loops of Reference.swift.
    public var backend: Backend = .blas
    /// Worker threads for large products and for attention heads (results do not depend on it).
    public var threads: Int = 1
    /// ε of label smoothing in the loss (0 = plain cross-entropy).
    public var labelSmoothing: Double = 0

    var acts: Activations<T>?
    var current: Seq2SeqBatch?
    var lossCount = 0

    /// A model with BART's initialisation: N(0, 0.02²) for linear and embedding weights (the padding row of the
    /// shared embedding zeroed), zero biases, unit layer-norm gains, zero `final_logits_bias`.
    public init(config: ModelConfig, seed: UInt64) {
        self.config = config
        layout = ParameterLayout(config)
        params = Slab(layout.count)
        grads = Slab(layout.count)
        var rng = SplitMix64(seed: seed)
        for t in layout.tensors {
            let p = params.p + t.offset
            if t.name.hasSuffix("layer_norm.weight") || t.name.hasSuffix("layernorm_embedding.weight") {
                p.update(repeating: 1, count: t.count)
            } else if t.shape.count == 2 && t.name != "final_logits_bias" {
                for i in 0..<t.count { p[i] = T(0.02 * rng.normal()) }
            }
        }
        (params.p + layout.shared + Int(config.padId) * config.dModel).update(repeating: 0, count: config.dModel)
    }

    /// A model whose parameters are copied from `values` (in `layout` order).
    public convenience init(config: ModelConfig, parameters values: [T]) {
        self.init(config: config, seed: 0)
        precondition(values.count == layout.count, "expected \(layout.count) parameters, got \(values.count)")
        values.withUnsafeBufferPointer { params.p.update(from: $0.baseAddress!, count: values.count) }
    }

    public func zeroGradients() { grads.zero() }

    func activations(for b: Seq2SeqBatch) -> Activations<T> {
        if let a = acts, a.B == b.batch, a.S == b.sourceLength, a.T == b.targetLength { return a }
        var spare = acts?.slab
        acts = nil
        let a = Activations<T>(config: config, batch: b.batch, source: b.sourceLength, target: b.targetLength, reusing: &spare)
        acts = a
        return a
    }

    // MARK: Forward

    /// Runs the model on `batch` and returns the mean cross-entropy over non-padding labels (with label
    /// smoothing if set). Keeps the activations for `backward()`.
    @discardableResult
    @_specialize(exported: true, where T == Float)
    public func forward(_ batch: Seq2SeqBatch) -> Double {
        let a = computeLogits(batch)
        let M = batch.batch * batch.targetLength
        let (loss, count) = batch.labels.withUnsafeBufferPointer {
            crossEntropyForward(a.logits, $0.baseAddress!, ignore: config.padId, smoothing: labelSmoothing,
                                m: M, v: config.vocabSize)
        }
        lossCount = count
        current = batch
        return count > 0 ? loss / Double(count) : 0
    }

    /// Logits [B·T × V] for every decoder position (teacher forcing on `batch.decoderInput`), no loss.
    @_specialize(exported: true, where T == Float)
    public func logits(_ batch: Seq2SeqBatch) -> [T] {
        let a = computeLogits(batch)
        current = nil
        return Array(UnsafeBufferPointer(start: a.logits, count: batch.batch * batch.targetLength * config.vocabSize))
    }

    /// The encoder output [B·S × C] of the last forward pass.
    var encoderOutput: Ptr<T> { config.preLayerNorm ? acts!.encOut : acts!.enc.last!.ln2 }

    /// Runs the encoder of `batch` into `a` and returns its output [B·S × C] (inside `a`).
    func runEncoder(_ batch: Seq2SeqBatch, _ a: Activations<T>, threads: Int? = nil) -> Ptr<T> {
        let L = layout, p = params.p, be = backend, th = threads ?? self.threads
        let B = batch.batch, S = batch.sourceLength
        let C = config.dModel, F = config.ffn, H = config.heads
        let N = B * S
        let eps = T(config.layerNormEps)
        let scale: T = config.scaleEmbedding ? T(C).squareRoot() : 1

        // Encoder.
        batch.source.withUnsafeBufferPointer {
            embeddingForward(a.encEmb, $0.baseAddress!, p + L.shared, p + L.encoderPositions, batch: B, length: S, c: C, scale: scale)
        }
        layerNormForward(a.encX0, a.encMean0, a.encRstd0, a.encEmb, p + L.encoderEmbeddingNorm.g,
                         p + L.encoderEmbeddingNorm.b, n: N, c: C, eps: eps)
        var x = a.encX0
        if config.preLayerNorm {
            for (l, w) in L.encoder.enumerated() {
                let e = a.enc[l]
                layerNormForward(e.ln1, e.mean1, e.rstd1, x, p + w.selfNorm.g, p + w.selfNorm.b, n: N, c: C, eps: eps)
                linearForward(be, threads: th, e.qkv, e.ln1, p + w.selfAttn.qkvW, p + w.selfAttn.qkvB, n: N, in: C, out: 3 * C)
                attentionForward(be, threads: th, e.attn, e.probs, q: e.qkv, ldq: 3 * C, k: e.qkv + C, ldk: 3 * C,
                                 v: e.qkv + 2 * C, ldv: 3 * C, keyLengths: batch.sourceLengths, causal: false,
                                 batch: B, queries: S, keys: S, c: C, heads: H)
                linearForward(be, threads: th, e.res1, e.attn, p + w.selfAttn.o.w, p + w.selfAttn.o.b, n: N, in: C, out: C)
                addInPlace(e.res1, x, count: N * C)
                layerNormForward(e.ln2, e.mean2, e.rstd2, e.res1, p + w.finalNorm.g, p + w.finalNorm.b, n: N, c: C, eps: eps)
                linearForward(be, threads: th, e.fc1, e.ln2, p + w.fc1.w, p + w.fc1.b, n: N, in: C, out: F)
                geluForward(e.gelu, e.fc1, count: N * F)
                linearForward(be, threads: th, e.res2, e.gelu, p + w.fc2.w, p + w.fc2.b, n: N, in: F, out: C)
                addInPlace(e.res2, e.res1, count: N * C)
                x = e.res2
            }
            let fn = L.encoderFinalNorm!
            layerNormForward(a.encOut, a.encOutMean, a.encOutRstd, x, p + fn.g, p + fn.b, n: N, c: C, eps: eps)
            return a.encOut
        }
        for (l, w) in L.encoder.enumerated() {
            let e = a.enc[l]
            linearForward(be, threads: th, e.qkv, x, p + w.selfAttn.qkvW, p + w.selfAttn.qkvB, n: N, in: C, out: 3 * C)
            attentionForward(be, threads: th, e.attn, e.probs, q: e.qkv, ldq: 3 * C, k: e.qkv + C, ldk: 3 * C,
                             v: e.qkv + 2 * C, ldv: 3 * C, keyLengths: batch.sourceLengths, causal: false,
                             batch: B, queries: S, keys: S, c: C, heads: H)
            linearForward(be, threads: th, e.res1, e.attn, p + w.selfAttn.o.w, p + w.selfAttn.o.b, n: N, in: C, out: C)
            addInPlace(e.res1, x, count: N * C)
            layerNormForward(e.ln1, e.mean1, e.rstd1, e.res1, p + w.selfNorm.g, p + w.selfNorm.b, n: N, c: C, eps: eps)
            linearForward(be, threads: th, e.fc1, e.ln1, p + w.fc1.w, p + w.fc1.b, n: N, in: C, out: F)
            geluForward(e.gelu, e.fc1, count: N * F)
            linearForward(be, threads: th, e.res2, e.gelu, p + w.fc2.w, p + w.fc2.b, n: N, in: F, out: C)
            addInPlace(e.res2, e.ln1, count: N * C)
            layerNormForward(e.ln2, e.mean2, e.rstd2, e.res2, p + w.finalNorm.g, p + w.finalNorm.b, n: N, c: C, eps: eps)
            x = e.ln2
        }
        return x
    }

    private func computeLogits(_ batch: Seq2SeqBatch) -> Activations<T> {
        let a = activations(for: batch)
        let encOut = runEncoder(batch, a)
        let L = layout, p = params.p, be = backend, th = threads
        let B = batch.batch, S = batch.sourceLength, Tt = batch.targetLength
        let C = config.dModel, F = config.ffn, H = config.heads, V = config.vocabSize
        let N = B * S, M = B * Tt
        let eps = T(config.layerNormEps)
        let scale: T = config.scaleEmbedding ? T(C).squareRoot() : 1
        var x: Ptr<T>

        // Decoder.
        batch.decoderInput.withUnsafeBufferPointer {
            embeddingForward(a.decEmb, $0.baseAddress!, p + L.shared, p + L.decoderPositions, batch: B, length: Tt, c: C, scale: scale)
        }
        layerNormForward(a.decX0, a.decMean0, a.decRstd0, a.decEmb, p + L.decoderEmbeddingNorm.g,
                         p + L.decoderEmbeddingNorm.b, n: M, c: C, eps: eps)
        x = a.decX0
        if config.preLayerNorm {
            for (l, w) in L.decoder.enumerated() {
                let d = a.dec[l]
                layerNormForward(d.ln1, d.mean1, d.rstd1, x, p + w.selfNorm.g, p + w.selfNorm.b, n: M, c: C, eps: eps)
                linearForward(be, threads: th, d.qkv, d.ln1, p + w.selfAttn.qkvW, p + w.selfAttn.qkvB, n: M, in: C, out: 3 * C)
                attentionForward(be, threads: th, d.attn, d.probs, q: d.qkv, ldq: 3 * C, k: d.qkv + C, ldk: 3 * C,
                                 v: d.qkv + 2 * C, ldv: 3 * C, keyLengths: batch.targetLengths, causal: true,
                                 batch: B, queries: Tt, keys: Tt, c: C, heads: H)
                linearForward(be, threads: th, d.res1, d.attn, p + w.selfAttn.o.w, p + w.selfAttn.o.b, n: M, in: C, out: C)
                addInPlace(d.res1, x, count: M * C)
                layerNormForward(d.ln2, d.mean2, d.rstd2, d.res1, p + w.crossNorm.g, p + w.crossNorm.b, n: M, c: C, eps: eps)
                linearForward(be, threads: th, d.q, d.ln2, p + w.crossAttn.q.w, p + w.crossAttn.q.b, n: M, in: C, out: C)
                linearForward(be, threads: th, d.kv, encOut, p + w.crossAttn.kvW, p + w.crossAttn.kvB, n: N, in: C, out: 2 * C)
                attentionForward(be, threads: th, d.cattn, d.cprobs, q: d.q, ldq: C, k: d.kv, ldk: 2 * C,
                                 v: d.kv + C, ldv: 2 * C, keyLengths: batch.sourceLengths, causal: false,
                                 batch: B, queries: Tt, keys: S, c: C, heads: H)
                linearForward(be, threads: th, d.res2, d.cattn, p + w.crossAttn.o.w, p + w.crossAttn.o.b, n: M, in: C, out: C)
                addInPlace(d.res2, d.res1, count: M * C)
                layerNormForward(d.ln3, d.mean3, d.rstd3, d.res2, p + w.finalNorm.g, p + w.finalNorm.b, n: M, c: C, eps: eps)
                linearForward(be, threads: th, d.fc1, d.ln3, p + w.fc1.w, p + w.fc1.b, n: M, in: C, out: F)
                geluForward(d.gelu, d.fc1, count: M * F)
                linearForward(be, threads: th, d.res3, d.gelu, p + w.fc2.w, p + w.fc2.b, n: M, in: F, out: C)
                addInPlace(d.res3, d.res2, count: M * C)
                x = d.res3
            }
            let fn = L.decoderFinalNorm!
            layerNormForward(a.decOut, a.decOutMean, a.decOutRstd, x, p + fn.g, p + fn.b, n: M, c: C, eps: eps)
            linearForward(be, threads: th, a.logits, a.decOut, p + L.shared, p + L.finalLogitsBias, n: M, in: C, out: V)
            return a
        }
        for (l, w) in L.decoder.enumerated() {
            let d = a.dec[l]
            linearForward(be, threads: th, d.qkv, x, p + w.selfAttn.qkvW, p + w.selfAttn.qkvB, n: M, in: C, out: 3 * C)
            attentionForward(be, threads: th, d.attn, d.probs, q: d.qkv, ldq: 3 * C, k: d.qkv + C, ldk: 3 * C,
                             v: d.qkv + 2 * C, ldv: 3 * C, keyLengths: batch.targetLengths, causal: true,
                             batch: B, queries: Tt, keys: Tt, c: C, heads: H)
            linearForward(be, threads: th, d.res1, d.attn, p + w.selfAttn.o.w, p + w.selfAttn.o.b, n: M, in: C, out: C)
            addInPlace(d.res1, x, count: M * C)
            layerNormForward(d.ln1, d.mean1, d.rstd1, d.res1, p + w.selfNorm.g, p + w.selfNorm.b, n: M, c: C, eps: eps)
            // Cross-attention: queries from the decoder, keys/values from the encoder output.
            linearForward(be, threads: th, d.q, d.ln1, p + w.crossAttn.q.w, p + w.crossAttn.q.b, n: M, in: C, out: C)
            linearForward(be, threads: th, d.kv, encOut, p + w.crossAttn.kvW, p + w.crossAttn.kvB, n: N, in: C, out: 2 * C)
            attentionForward(be, threads: th, d.cattn, d.cprobs, q: d.q, ldq: C, k: d.kv, ldk: 2 * C,
                             v: d.kv + C, ldv: 2 * C, keyLengths: batch.sourceLengths, causal: false,
                             batch: B, queries: Tt, keys: S, c: C, heads: H)
            linearForward(be, threads: th, d.res2, d.cattn, p + w.crossAttn.o.w, p + w.crossAttn.o.b, n: M, in: C, out: C)
            addInPlace(d.res2, d.ln1, count: M * C)
            layerNormForward(d.ln2, d.mean2, d.rstd2, d.res2, p + w.crossNorm.g, p + w.crossNorm.b, n: M, c: C, eps: eps)
            linearForward(be, threads: th, d.fc1, d.ln2, p + w.fc1.w, p + w.fc1.b, n: M, in: C, out: F)
            geluForward(d.gelu, d.fc1, count: M * F)
            linearForward(be, threads: th, d.res3, d.gelu, p + w.fc2.w, p + w.fc2.b, n: M, in: F, out: C)
            addInPlace(d.res3, d.ln2, count: M * C)
            layerNormForward(d.ln3, d.mean3, d.rstd3, d.res3, p + w.finalNorm.g, p + w.finalNorm.b, n: M, c: C, eps: eps)
            x = d.ln3
        }
        // Output projection tied to the shared embedding, plus final_logits_bias.
        linearForward(be, threads: th, a.logits, x, p + L.shared, p + L.finalLogitsBias, n: M, in: C, out: V)
        return a
    }

    // MARK: Backward

    /// Adds d(mean loss)/d(params) into `grads`. Precondition: `forward(_:)` ran on this batch just before.
    @_specialize(exported: true, where T == Float)
    public func backward() {
        guard let batch = current, let a = acts else {
            preconditionFailure("backward() needs a forward(_:) with labels first")
        }
        let L = layout, p = params.p, g = grads.p, be = backend, th = threads
        let B = batch.batch, S = batch.sourceLength, Tt = batch.targetLength
        let C = config.dModel, F = config.ffn, H = config.heads, V = config.vocabSize
        let N = B * S, M = B * Tt
        let scale: T = config.scaleEmbedding ? T(C).squareRoot() : 1

        batch.labels.withUnsafeBufferPointer {
            crossEntropyBackward(a.logits, $0.baseAddress!, ignore: config.padId, smoothing: labelSmoothing,
                                 scale: lossCount > 0 ? 1 / T(lossCount) : 0, m: M, v: V)
        }
        if config.preLayerNorm { backwardPreLN(batch, a); return }
        let decOut = a.dec.last!.ln3, encOut = a.enc.last!.ln2
        var dOut = a.dA, dX = a.dB   // gradient w.r.t. the current layer's output / input
        dOut.update(repeating: 0, count: M * C)
        linearBackward(be, threads: th, dOut, g + L.shared, g + L.finalLogitsBias, a.logits, decOut, p + L.shared,
                       n: M, in: C, out: V)
        a.dEnc.update(repeating: 0, count: N * C)

        // Decoder layers, last to first. On entry dOut = d loss / d ln3.
        for l in stride(from: config.decoderLayers - 1, through: 0, by: -1) {
            let d = a.dec[l], w = L.decoder[l]
            let x = l == 0 ? a.decX0 : a.dec[l - 1].ln3
            // final_layer_norm and the feed-forward block: res3 = ln2 + fc2(gelu(fc1(ln2))).
            zero(dX, M * C)
            layerNormBackward(dX, g + w.finalNorm.g, g + w.finalNorm.b, dOut, d.res3, p + w.finalNorm.g, d.mean3, d.rstd3, n: M, c: C)
            zero(a.dFF, M * F)
            linearBackward(be, threads: th, a.dFF, g + w.fc2.w, g + w.fc2.b, dX, d.gelu, p + w.fc2.w, n: M, in: F, out: C)
            zero(a.dFF2, M * F)
            geluBackward(a.dFF2, d.fc1, a.dFF, count: M * F)
            linearBackward(be, threads: th, dX, g + w.fc1.w, g + w.fc1.b, a.dFF2, d.ln2, p + w.fc1.w, n: M, in: C, out: F)
            // dX = d loss / d ln2. encoder_attn_layer_norm and cross-attention: res2 = ln1 + o(attn(q(ln1), kv(enc))).
            zero(dOut, M * C)
            layerNormBackward(dOut, g + w.crossNorm.g, g + w.crossNorm.b, dX, d.res2, p + w.crossNorm.g, d.mean2, d.rstd2, n: M, c: C)
            zero(a.dC, M * C)
            linearBackward(be, threads: th, a.dC, g + w.crossAttn.o.w, g + w.crossAttn.o.b, dOut, d.cattn, p + w.crossAttn.o.w, n: M, in: C, out: C)
            zero(a.dD, M * C); zero(a.dKV, N * 2 * C)
            attentionBackward(be, threads: th, dq: a.dD, lddq: C, dk: a.dKV, lddk: 2 * C, dv: a.dKV + C, lddv: 2 * C,
                              dprobs: a.dProbs, dout: a.dC, probs: d.cprobs, q: d.q, ldq: C, k: d.kv, ldk: 2 * C,
                              v: d.kv + C, ldv: 2 * C, batch: B, queries: Tt, keys: S, c: C, heads: H)
            linearBackward(be, threads: th, dOut, g + w.crossAttn.q.w, g + w.crossAttn.q.b, a.dD, d.ln1, p + w.crossAttn.q.w, n: M, in: C, out: C)
            linearBackward(be, threads: th, a.dEnc, g + w.crossAttn.kvW, g + w.crossAttn.kvB, a.dKV, encOut, p + w.crossAttn.kvW, n: N, in: C, out: 2 * C)
            // dOut = d loss / d ln1. self_attn_layer_norm and causal self-attention: res1 = x + o(attn(qkv(x))).
            zero(dX, M * C)
            layerNormBackward(dX, g + w.selfNorm.g, g + w.selfNorm.b, dOut, d.res1, p + w.selfNorm.g, d.mean1, d.rstd1, n: M, c: C)
            zero(a.dC, M * C)
            linearBackward(be, threads: th, a.dC, g + w.selfAttn.o.w, g + w.selfAttn.o.b, dX, d.attn, p + w.selfAttn.o.w, n: M, in: C, out: C)
            zero(a.dQKV, M * 3 * C)
            attentionBackward(be, threads: th, dq: a.dQKV, lddq: 3 * C, dk: a.dQKV + C, lddk: 3 * C, dv: a.dQKV + 2 * C, lddv: 3 * C,
                              dprobs: a.dProbs, dout: a.dC, probs: d.probs, q: d.qkv, ldq: 3 * C, k: d.qkv + C, ldk: 3 * C,
                              v: d.qkv + 2 * C, ldv: 3 * C, batch: B, queries: Tt, keys: Tt, c: C, heads: H)
            linearBackward(be, threads: th, dX, g + w.selfAttn.qkvW, g + w.selfAttn.qkvB, a.dQKV, x, p + w.selfAttn.qkvW, n: M, in: C, out: 3 * C)
            swap(&dOut, &dX)   // dOut = d loss / d x, the previous layer's output
        }
        // Decoder embeddings: decX0 = layernorm_embedding(decEmb).
        zero(dX, M * C)
        layerNormBackward(dX, g + L.decoderEmbeddingNorm.g, g + L.decoderEmbeddingNorm.b, dOut, a.decEmb,
                          p + L.decoderEmbeddingNorm.g, a.decMean0, a.decRstd0, n: M, c: C)
        batch.decoderInput.withUnsafeBufferPointer {
            embeddingBackward(g + L.shared, g + L.decoderPositions, dX, $0.baseAddress!, batch: B, length: Tt, c: C,
                              scale: scale, skip: config.padId)
        }

        // Encoder layers, last to first. On entry dOut = d loss / d encoder output (from every cross-attention).
        dOut.update(from: a.dEnc, count: N * C)
        for l in stride(from: config.encoderLayers - 1, through: 0, by: -1) {
            let e = a.enc[l], w = L.encoder[l]
            let x = l == 0 ? a.encX0 : a.enc[l - 1].ln2
            zero(dX, N * C)
            layerNormBackward(dX, g + w.finalNorm.g, g + w.finalNorm.b, dOut, e.res2, p + w.finalNorm.g, e.mean2, e.rstd2, n: N, c: C)
            zero(a.dFF, N * F)
            linearBackward(be, threads: th, a.dFF, g + w.fc2.w, g + w.fc2.b, dX, e.gelu, p + w.fc2.w, n: N, in: F, out: C)
            zero(a.dFF2, N * F)
            geluBackward(a.dFF2, e.fc1, a.dFF, count: N * F)
            linearBackward(be, threads: th, dX, g + w.fc1.w, g + w.fc1.b, a.dFF2, e.ln1, p + w.fc1.w, n: N, in: C, out: F)
            zero(dOut, N * C)
            layerNormBackward(dOut, g + w.selfNorm.g, g + w.selfNorm.b, dX, e.res1, p + w.selfNorm.g, e.mean1, e.rstd1, n: N, c: C)
            zero(a.dC, N * C)
            linearBackward(be, threads: th, a.dC, g + w.selfAttn.o.w, g + w.selfAttn.o.b, dOut, e.attn, p + w.selfAttn.o.w, n: N, in: C, out: C)
            zero(a.dQKV, N * 3 * C)
            attentionBackward(be, threads: th, dq: a.dQKV, lddq: 3 * C, dk: a.dQKV + C, lddk: 3 * C, dv: a.dQKV + 2 * C, lddv: 3 * C,
                              dprobs: a.dProbs, dout: a.dC, probs: e.probs, q: e.qkv, ldq: 3 * C, k: e.qkv + C, ldk: 3 * C,
                              v: e.qkv + 2 * C, ldv: 3 * C, batch: B, queries: S, keys: S, c: C, heads: H)
            linearBackward(be, threads: th, dOut, g + w.selfAttn.qkvW, g + w.selfAttn.qkvB, a.dQKV, x, p + w.selfAttn.qkvW, n: N, in: C, out: 3 * C)
            // dOut (already holding the residual's share) = d loss / d x.
        }
        zero(dX, N * C)
        layerNormBackward(dX, g + L.encoderEmbeddingNorm.g, g + L.encoderEmbeddingNorm.b, dOut, a.encEmb,
                          p + L.encoderEmbeddingNorm.g, a.encMean0, a.encRstd0, n: N, c: C)
        batch.source.withUnsafeBufferPointer {
            embeddingBackward(g + L.shared, g + L.encoderPositions, dX, $0.baseAddress!, batch: B, length: S, c: C,
                              scale: scale, skip: config.padId)
        }
        current = nil   // the logits buffer now holds gradients
    }
}

@inline(__always) func zero<T>(_ p: Ptr<T>, _ n: Int) where T: ModelScalar { p.update(repeating: 0, count: n) }

/// a += b, elementwise (the residual connections).
@inline(__always) func addInPlace<T: ModelScalar>(_ a: Ptr<T>, _ b: Ptr<T>, count: Int) {
    for i in 0..<count { a[i] += b[i] }
}
