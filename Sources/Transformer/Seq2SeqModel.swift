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

    /// `old` with a larger vocabulary (tokens appended after its `V` ids, as a later vocabulary version appends them):
    /// every tensor is copied, the first `V` rows of the tied embedding and the first `V` entries of
    /// `final_logits_bias` included; the new embedding rows get BART's N(0, 0.02²) from `seed`, their biases 0. The
    /// logits of the old ids are unchanged; the new ids start as any untrained token. For a warm start on a corpus whose
    /// vocabulary extends the model's.
    public convenience init(growing old: Seq2SeqModel<T>, toVocabulary n: Int, seed: UInt64) {
        precondition(n >= old.config.vocabSize, "a vocabulary can only grow")
        var c = old.config
        c.vocabSize = n
        self.init(config: c, seed: seed)
        let V = old.config.vocabSize, C = c.dModel
        for t in old.layout.tensors {
            guard let u = layout.tensor(named: t.name) else { preconditionFailure("\(t.name) missing after growing") }
            // [V × C] and [1 × V] keep their first V rows / entries; every other tensor has the same shape.
            let count = t.name == "model.shared.weight" ? V * C : t.name == "final_logits_bias" ? V : t.count
            precondition(t.name == "model.shared.weight" || t.name == "final_logits_bias" || t.count == u.count)
            (params.p + u.offset).update(from: old.params.p + t.offset, count: count)
        }
    }

    /// `old` made deeper by stacking (Gong et al. 2019, "Efficient training of BERT by progressively stacking"):
    /// layer j of the new encoder (decoder) is a copy of the old one's layer j mod L, so 3 layers become
    /// 0, 1, 2, 0, 1, 2; embeddings, positions, norms outside the layers and the logits bias are copied. Not
    /// function-preserving (a post-LN stack run twice computes something else): a warm start for a deeper model
    /// whose layers begin as trained attention and feed-forward blocks instead of noise.
    public convenience init(stacking old: Seq2SeqModel<T>, encoderLayers: Int, decoderLayers: Int) {
        let (le, ld) = (old.config.encoderLayers, old.config.decoderLayers)
        precondition(encoderLayers >= le && decoderLayers >= ld, "stacking only adds layers")
        var c = old.config
        if (encoderLayers, decoderLayers) != (le, ld) && !c.name.hasSuffix("-stacked") { c.name += "-stacked" }
        c.encoderLayers = encoderLayers; c.decoderLayers = decoderLayers
        self.init(config: c, seed: 0)
        for u in layout.tensors {
            let name = Seq2SeqModel.stackedSource(of: u.name, encoderLayers: le, decoderLayers: ld)
            guard let t = old.layout.tensor(named: name), t.count == u.count else {
                preconditionFailure("\(u.name) has no source \(name) of its shape in the model being stacked")
            }
            (params.p + u.offset).update(from: old.params.p + t.offset, count: t.count)
        }
    }

    /// "model.decoder.layers.4.fc1.weight" → "model.decoder.layers.1.fc1.weight" for a 3-layer decoder.
    static func stackedSource(of name: String, encoderLayers le: Int, decoderLayers ld: Int) -> String {
        for (stack, l) in [("model.encoder.layers.", le), ("model.decoder.layers.", ld)] where name.hasPrefix(stack) {
            let rest = name.dropFirst(stack.count)
            guard let dot = rest.firstIndex(of: "."), let j = Int(rest[..<dot]) else { return name }
            return stack + String(j % l) + rest[dot...]
        }
        return name
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
        let L = layout, p = params.p, th = threads ?? self.threads
        let B = batch.batch, S = batch.sourceLength
        let C = config.dModel, N = B * S
        let eps = T(config.layerNormEps)
        let scale: T = config.scaleEmbedding ? T(C).squareRoot() : 1
        func norm(_ out: Ptr<T>, _ mean: Ptr<T>, _ rstd: Ptr<T>, _ x: Ptr<T>, _ n: ParameterLayout.Norm) {
            layerNormForward(out, mean, rstd, x, p + n.g, p + n.b, n: N, c: C, eps: eps)
        }
        batch.source.withUnsafeBufferPointer {
            embeddingForward(a.encEmb, $0.baseAddress!, p + L.shared, p + L.encoderPositions, batch: B, length: S, c: C, scale: scale)
        }
        norm(a.encX0, a.encMean0, a.encRstd0, a.encEmb, L.encoderEmbeddingNorm)
        var x = a.encX0
        for (l, w) in L.encoder.enumerated() {
            let e = a.enc[l]
            if config.preLayerNorm {   // res1 = x + attn(LN(x)), res2 = res1 + ffn(LN(res1))
                norm(e.ln1, e.mean1, e.rstd1, x, w.selfNorm)
                selfAttentionForward(w.selfAttn, x: e.ln1, residual: x, qkv: e.qkv, probs: e.probs, attn: e.attn, out: e.res1,
                                     lengths: batch.sourceLengths, causal: false, batch: B, length: S, threads: th)
                norm(e.ln2, e.mean2, e.rstd2, e.res1, w.finalNorm)
                feedForwardForward(w.fc1, w.fc2, x: e.ln2, residual: e.res1, hidden: e.fc1, activated: e.gelu, out: e.res2, rows: N, threads: th)
                x = e.res2
            } else {                   // ln1 = LN(x + attn(x)), ln2 = LN(ln1 + ffn(ln1))
                selfAttentionForward(w.selfAttn, x: x, residual: x, qkv: e.qkv, probs: e.probs, attn: e.attn, out: e.res1,
                                     lengths: batch.sourceLengths, causal: false, batch: B, length: S, threads: th)
                norm(e.ln1, e.mean1, e.rstd1, e.res1, w.selfNorm)
                feedForwardForward(w.fc1, w.fc2, x: e.ln1, residual: e.ln1, hidden: e.fc1, activated: e.gelu, out: e.res2, rows: N, threads: th)
                norm(e.ln2, e.mean2, e.rstd2, e.res2, w.finalNorm)
                x = e.ln2
            }
        }
        if let fn = L.encoderFinalNorm {
            norm(a.encOut, a.encOutMean, a.encOutRstd, x, fn)
            return a.encOut
        }
        return x
    }

    private func computeLogits(_ batch: Seq2SeqBatch) -> Activations<T> {
        let a = activations(for: batch)
        let encOut = runEncoder(batch, a)
        let L = layout, p = params.p, be = backend, th = threads
        let B = batch.batch, S = batch.sourceLength, Tt = batch.targetLength
        let C = config.dModel, V = config.vocabSize, M = B * Tt
        let eps = T(config.layerNormEps)
        let scale: T = config.scaleEmbedding ? T(C).squareRoot() : 1
        func norm(_ out: Ptr<T>, _ mean: Ptr<T>, _ rstd: Ptr<T>, _ x: Ptr<T>, _ n: ParameterLayout.Norm) {
            layerNormForward(out, mean, rstd, x, p + n.g, p + n.b, n: M, c: C, eps: eps)
        }
        batch.decoderInput.withUnsafeBufferPointer {
            embeddingForward(a.decEmb, $0.baseAddress!, p + L.shared, p + L.decoderPositions, batch: B, length: Tt, c: C, scale: scale)
        }
        norm(a.decX0, a.decMean0, a.decRstd0, a.decEmb, L.decoderEmbeddingNorm)
        var x = a.decX0
        for (l, w) in L.decoder.enumerated() {
            let d = a.dec[l]
            func selfAttention(_ input: Ptr<T>, residual: Ptr<T>) {
                selfAttentionForward(w.selfAttn, x: input, residual: residual, qkv: d.qkv, probs: d.probs, attn: d.attn, out: d.res1,
                                     lengths: batch.targetLengths, causal: true, batch: B, length: Tt, threads: th)
            }
            func crossAttention(_ input: Ptr<T>, residual: Ptr<T>) {
                crossAttentionForward(w.crossAttn, x: input, residual: residual, encoderOutput: encOut, q: d.q, kv: d.kv,
                                      probs: d.cprobs, attn: d.cattn, out: d.res2, sourceLengths: batch.sourceLengths,
                                      batch: B, target: Tt, source: S, threads: th)
            }
            func feedForward(_ input: Ptr<T>, residual: Ptr<T>) {
                feedForwardForward(w.fc1, w.fc2, x: input, residual: residual, hidden: d.fc1, activated: d.gelu, out: d.res3, rows: M, threads: th)
            }
            if config.preLayerNorm {
                norm(d.ln1, d.mean1, d.rstd1, x, w.selfNorm); selfAttention(d.ln1, residual: x)
                norm(d.ln2, d.mean2, d.rstd2, d.res1, w.crossNorm); crossAttention(d.ln2, residual: d.res1)
                norm(d.ln3, d.mean3, d.rstd3, d.res2, w.finalNorm); feedForward(d.ln3, residual: d.res2)
                x = d.res3
            } else {
                selfAttention(x, residual: x); norm(d.ln1, d.mean1, d.rstd1, d.res1, w.selfNorm)
                crossAttention(d.ln1, residual: d.ln1); norm(d.ln2, d.mean2, d.rstd2, d.res2, w.crossNorm)
                feedForward(d.ln2, residual: d.ln2); norm(d.ln3, d.mean3, d.rstd3, d.res3, w.finalNorm)
                x = d.ln3
            }
        }
        if let fn = L.decoderFinalNorm {
            norm(a.decOut, a.decOutMean, a.decOutRstd, x, fn)
            x = a.decOut
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
        let M = batch.batch * batch.targetLength
        batch.labels.withUnsafeBufferPointer {
            crossEntropyBackward(a.logits, $0.baseAddress!, ignore: config.padId, smoothing: labelSmoothing,
                                 scale: lossCount > 0 ? 1 / T(lossCount) : 0, m: M, v: config.vocabSize)
        }
        if config.preLayerNorm { backwardPreLN(batch, a) } else { backwardPostLN(batch, a) }
        current = nil   // the logits buffer now holds gradients
    }

    /// Post-LN: the gradient passes through every layer norm; dOut holds d loss / d (a layer's output), dX the
    /// gradient being built for the stream below it.
    func backwardPostLN(_ batch: Seq2SeqBatch, _ a: Activations<T>) {
        let L = layout, p = params.p, g = grads.p, be = backend, th = threads
        let B = batch.batch, S = batch.sourceLength, Tt = batch.targetLength
        let C = config.dModel, V = config.vocabSize
        let N = B * S, M = B * Tt
        let scale: T = config.scaleEmbedding ? T(C).squareRoot() : 1
        func normBack(_ dInput: Ptr<T>, _ n: ParameterLayout.Norm, _ dNormed: Ptr<T>, _ input: Ptr<T>, _ mean: Ptr<T>, _ rstd: Ptr<T>, rows: Int) {
            zero(dInput, rows * C)
            layerNormBackward(dInput, g + n.g, g + n.b, dNormed, input, p + n.g, mean, rstd, n: rows, c: C)
        }
        let decOut = a.dec.last!.ln3, encOut = a.enc.last!.ln2
        var dOut = a.dA, dX = a.dB
        dOut.update(repeating: 0, count: M * C)
        linearBackward(be, threads: th, dOut, g + L.shared, g + L.finalLogitsBias, a.logits, decOut, p + L.shared,
                       n: M, in: C, out: V)
        a.dEnc.update(repeating: 0, count: N * C)
        for l in stride(from: config.decoderLayers - 1, through: 0, by: -1) {
            let d = a.dec[l], w = L.decoder[l]
            let x = l == 0 ? a.decX0 : a.dec[l - 1].ln3
            // On entry dOut = d loss / d ln3; ln3 = LN(ln2 + ffn(ln2)).
            normBack(dX, w.finalNorm, dOut, d.res3, d.mean3, d.rstd3, rows: M)
            feedForwardBackward(w.fc1, w.fc2, dOut: dX, dIn: dX, x: d.ln2, hidden: d.fc1, activated: d.gelu, rows: M, scratch: a, threads: th)
            // dX = d loss / d ln2; ln2 = LN(ln1 + cross(ln1)).
            normBack(dOut, w.crossNorm, dX, d.res2, d.mean2, d.rstd2, rows: M)
            crossAttentionBackward(w.crossAttn, dOut: dOut, dIn: dOut, x: d.ln1, encoderOutput: encOut, q: d.q, kv: d.kv,
                                   probs: d.cprobs, attn: d.cattn, batch: B, target: Tt, source: S, scratch: a, threads: th)
            // dOut = d loss / d ln1; ln1 = LN(x + self(x)).
            normBack(dX, w.selfNorm, dOut, d.res1, d.mean1, d.rstd1, rows: M)
            selfAttentionBackward(w.selfAttn, dOut: dX, dIn: dX, x: x, qkv: d.qkv, probs: d.probs, attn: d.attn,
                                  batch: B, length: Tt, scratch: a, threads: th)
            swap(&dOut, &dX)   // dOut = d loss / d x, the previous layer's output
        }
        normBack(dX, L.decoderEmbeddingNorm, dOut, a.decEmb, a.decMean0, a.decRstd0, rows: M)
        batch.decoderInput.withUnsafeBufferPointer {
            embeddingBackward(g + L.shared, g + L.decoderPositions, dX, $0.baseAddress!, batch: B, length: Tt, c: C,
                              scale: scale, skip: config.padId)
        }
        // Encoder layers, last to first. On entry dOut = d loss / d encoder output (from every cross-attention).
        dOut.update(from: a.dEnc, count: N * C)
        for l in stride(from: config.encoderLayers - 1, through: 0, by: -1) {
            let e = a.enc[l], w = L.encoder[l]
            let x = l == 0 ? a.encX0 : a.enc[l - 1].ln2
            normBack(dX, w.finalNorm, dOut, e.res2, e.mean2, e.rstd2, rows: N)
            feedForwardBackward(w.fc1, w.fc2, dOut: dX, dIn: dX, x: e.ln1, hidden: e.fc1, activated: e.gelu, rows: N, scratch: a, threads: th)
            normBack(dOut, w.selfNorm, dX, e.res1, e.mean1, e.rstd1, rows: N)
            selfAttentionBackward(w.selfAttn, dOut: dOut, dIn: dOut, x: x, qkv: e.qkv, probs: e.probs, attn: e.attn,
                                  batch: B, length: S, scratch: a, threads: th)
            // dOut = d loss / d x.
        }
        normBack(dX, L.encoderEmbeddingNorm, dOut, a.encEmb, a.encMean0, a.encRstd0, rows: N)
        batch.source.withUnsafeBufferPointer {
            embeddingBackward(g + L.shared, g + L.encoderPositions, dX, $0.baseAddress!, batch: B, length: S, c: C,
                              scale: scale, skip: config.padId)
        }
    }
}

@inline(__always) func zero<T>(_ p: Ptr<T>, _ n: Int) where T: ModelScalar { p.update(repeating: 0, count: n) }

/// a += b, elementwise (the residual connections).
@inline(__always) func addInPlace<T: ModelScalar>(_ a: Ptr<T>, _ b: Ptr<T>, count: Int) {
    for i in 0..<count { a[i] += b[i] }
}
