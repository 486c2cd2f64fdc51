// Activation and backward-scratch memory for one batch shape, carved from one slab (llm.c's
// `malloc_and_point_activations`). Glossary: B batch, S source length, T target length, C channels,
// H heads, F ffn width, V vocabulary; N = B·S source tokens, M = B·T target tokens.

/// Hands out consecutive ranges of a slab. Run once with `base == nil` to measure, then again to carve.
struct Carver<T> {
    let base: Ptr<T>?
    var used = 0
    mutating func take(_ n: Int) -> Ptr<T> {
        defer { used += n }
        // While measuring, return a placeholder that is never dereferenced.
        return base.map { $0 + used } ?? Ptr<T>(bitPattern: MemoryLayout<T>.alignment)!
    }
}

// Post-LN (BART) meanings are in the comments. Pre-LN (mBART) reuses the same buffers: ln1 = self_attn_layer_norm(x),
// res1 = x + out_proj(attn(ln1)), ln2 = final_layer_norm(res1), res2 = res1 + fc2(gelu(fc1(ln2))) the layer's output;
// in the decoder ln2 = encoder_attn_layer_norm(res1), res2 = res1 + cross-attention, ln3 = final_layer_norm(res2),
// res3 = res2 + feed-forward the layer's output.
struct EncoderLayerActivations<T> {
    var qkv: Ptr<T>      // [N × 3C]   fused q, k, v projections
    var probs: Ptr<T>    // [B × H × S × S]  attention probabilities
    var attn: Ptr<T>     // [N × C]    heads concatenated, before out_proj
    var res1: Ptr<T>     // [N × C]    x + out_proj(attn)
    var ln1: Ptr<T>      // [N × C]    self_attn_layer_norm(res1)
    var mean1: Ptr<T>    // [N]
    var rstd1: Ptr<T>    // [N]
    var fc1: Ptr<T>      // [N × F]    before GELU
    var gelu: Ptr<T>     // [N × F]
    var res2: Ptr<T>     // [N × C]    ln1 + fc2(gelu)
    var ln2: Ptr<T>      // [N × C]    final_layer_norm(res2): the layer's output
    var mean2: Ptr<T>    // [N]
    var rstd2: Ptr<T>    // [N]
}

struct DecoderLayerActivations<T> {
    var qkv: Ptr<T>      // [M × 3C]
    var probs: Ptr<T>    // [B × H × T × T]  causal self-attention probabilities
    var attn: Ptr<T>     // [M × C]
    var res1: Ptr<T>     // [M × C]
    var ln1: Ptr<T>      // [M × C]    self_attn_layer_norm
    var mean1: Ptr<T>, rstd1: Ptr<T>   // [M]
    var q: Ptr<T>        // [M × C]    cross-attention queries
    var kv: Ptr<T>       // [N × 2C]   cross-attention keys and values from the encoder output
    var cprobs: Ptr<T>   // [B × H × T × S]
    var cattn: Ptr<T>    // [M × C]
    var res2: Ptr<T>     // [M × C]
    var ln2: Ptr<T>      // [M × C]    encoder_attn_layer_norm
    var mean2: Ptr<T>, rstd2: Ptr<T>   // [M]
    var fc1: Ptr<T>      // [M × F]
    var gelu: Ptr<T>     // [M × F]
    var res3: Ptr<T>     // [M × C]
    var ln3: Ptr<T>      // [M × C]    final_layer_norm: the layer's output
    var mean3: Ptr<T>, rstd3: Ptr<T>   // [M]
}

/// All activations of one forward pass plus the scratch the backward pass needs, for a (B, S, T) shape.
///
/// The memory is not zeroed: every buffer is written before it is read (the forward pass fills each activation, the
/// backward pass zeroes or overwrites each scratch buffer it accumulates into; `TrainingTests` poisons a reused slab
/// with NaN to hold that). So a slab can be handed from one batch shape to the next: bucketed batches change shape
/// every step, and allocating afresh cost a page fault per 4 KiB and a memset, ~8% of a training step.
final class Activations<T: ModelScalar> {
    let B: Int, S: Int, T: Int
    let slab: Slab<T>
    var encEmb: Ptr<T>        // [N × C]  token + position embeddings
    var encX0: Ptr<T>         // [N × C]  layernorm_embedding(encEmb): input of encoder layer 0
    var encMean0: Ptr<T>, encRstd0: Ptr<T>
    var enc: [EncoderLayerActivations<T>] = []
    var decEmb: Ptr<T>        // [M × C]
    var decX0: Ptr<T>         // [M × C]
    var decMean0: Ptr<T>, decRstd0: Ptr<T>
    var dec: [DecoderLayerActivations<T>] = []
    // Pre-LN only (empty otherwise): the stacks' final layer norms, whose outputs are the encoder output and the
    // decoder output fed to the logits.
    var encOut: Ptr<T>, encOutMean: Ptr<T>, encOutRstd: Ptr<T>   // [N × C], [N], [N]
    var decOut: Ptr<T>, decOutMean: Ptr<T>, decOutRstd: Ptr<T>   // [M × C], [M], [M]
    var logits: Ptr<T>        // [M × V]  logits; after the loss, probabilities; after backward, dlogits
    // Backward scratch.
    var dA: Ptr<T>, dB: Ptr<T>, dC: Ptr<T>, dD: Ptr<T>   // [max(N, M) × C]
    var dFF: Ptr<T>, dFF2: Ptr<T>                        // [max(N, M) × F]
    var dQKV: Ptr<T>                                     // [max(N, M) × 3C]
    var dProbs: Ptr<T>                                   // [B × H × max(S, T)²]
    var dEnc: Ptr<T>                                     // [N × C]  accumulated over decoder layers' cross-attention
    var dKV: Ptr<T>                                      // [N × 2C]
    let floats: Int

    /// Carves the buffers for (B, S, T) out of `spare` when it is large enough, else out of a new slab (with a
    /// quarter more room, so that a run's slowly growing shapes settle on one slab); `spare` is dropped before
    /// allocating so the two never coexist.
    init(config cfg: ModelConfig, batch B: Int, source S: Int, target T: Int, reusing spare: inout Slab<T>?) {
        self.B = B; self.S = S; self.T = T
        var total = 0
        for pass in 0..<2 {
            let slab: Slab<T>?
            if pass == 0 {
                slab = nil
            } else if let s = spare, s.count >= total {
                slab = s
            } else {
                spare = nil
                slab = Slab<T>(uninitialized: total + total / 4)
            }
            var c = Carver<T>(base: slab?.p)
            let C = cfg.dModel, F = cfg.ffn, H = cfg.heads, V = cfg.vocabSize
            let N = B * S, M = B * T, R = max(N, M)
            encEmb = c.take(N * C); encX0 = c.take(N * C); encMean0 = c.take(N); encRstd0 = c.take(N)
            enc = (0..<cfg.encoderLayers).map { _ in
                EncoderLayerActivations(qkv: c.take(N * 3 * C), probs: c.take(B * H * S * S), attn: c.take(N * C),
                                        res1: c.take(N * C), ln1: c.take(N * C), mean1: c.take(N), rstd1: c.take(N),
                                        fc1: c.take(N * F), gelu: c.take(N * F), res2: c.take(N * C),
                                        ln2: c.take(N * C), mean2: c.take(N), rstd2: c.take(N))
            }
            decEmb = c.take(M * C); decX0 = c.take(M * C); decMean0 = c.take(M); decRstd0 = c.take(M)
            dec = (0..<cfg.decoderLayers).map { _ in
                DecoderLayerActivations(qkv: c.take(M * 3 * C), probs: c.take(B * H * T * T), attn: c.take(M * C),
                                        res1: c.take(M * C), ln1: c.take(M * C), mean1: c.take(M), rstd1: c.take(M),
                                        q: c.take(M * C), kv: c.take(N * 2 * C), cprobs: c.take(B * H * T * S),
                                        cattn: c.take(M * C), res2: c.take(M * C), ln2: c.take(M * C),
                                        mean2: c.take(M), rstd2: c.take(M), fc1: c.take(M * F), gelu: c.take(M * F),
                                        res3: c.take(M * C), ln3: c.take(M * C), mean3: c.take(M), rstd3: c.take(M))
            }
            let pre = cfg.preLayerNorm ? 1 : 0
            encOut = c.take(pre * N * C); encOutMean = c.take(pre * N); encOutRstd = c.take(pre * N)
            decOut = c.take(pre * M * C); decOutMean = c.take(pre * M); decOutRstd = c.take(pre * M)
            logits = c.take(M * V)
            dA = c.take(R * C); dB = c.take(R * C); dC = c.take(R * C); dD = c.take(R * C)
            dFF = c.take(R * F); dFF2 = c.take(R * F); dQKV = c.take(R * 3 * C)
            dProbs = c.take(B * H * max(S, T) * max(S, T)); dEnc = c.take(N * C); dKV = c.take(N * 2 * C)
            if let slab { self.slab = slab; floats = c.used; return }
            total = c.used
        }
        fatalError("unreachable")
    }

    /// Fresh memory, sized exactly for (B, S, T).
    convenience init(config cfg: ModelConfig, batch B: Int, source S: Int, target T: Int) {
        var none: Slab<T>? = nil
        self.init(config: cfg, batch: B, source: S, target: T, reusing: &none)
    }
}
