/// Where each parameter tensor lives in the one parameter slab (and, at the same offsets, in the gradient slab
/// and the optimiser's moment slabs).
///
/// Tensor names are Hugging Face BART's, so a checkpoint or an export is a list of (name, shape, slab range).
/// Linear weights are stored as PyTorch does, [out × in], and applied as `y = x·Wᵀ + b` (sgemm with transB).
/// Order inside an attention block is q, k, v weights back to back, then q, k, v biases back to back, so the
/// self-attention projection is one [3C × C] product and the cross-attention key/value projection one [2C × C].
public struct ParameterLayout: Sendable {
    /// One named tensor: `shape` as PyTorch reports it, `offset` into the slab.
    public struct Tensor: Sendable, Equatable {
        public let name: String
        public let shape: [Int]
        public let offset: Int
        public var count: Int { shape.reduce(1, *) }
        /// Matrices (2-D, embeddings included) get weight decay; biases and layer norms do not.
        public var decays: Bool { shape.count == 2 && !name.hasSuffix("final_logits_bias") }
    }
    /// A linear layer: w [out × in], b [out].
    public struct Linear: Sendable { public let w: Int, b: Int, outFeatures: Int, inFeatures: Int }
    /// A layer norm: gain g [C] (`weight`), shift b [C] (`bias`).
    public struct Norm: Sendable { public let g: Int, b: Int }
    /// q, k, v, out projections; `qkv` spans q, k and v as one [3C × C] weight and [3C] bias.
    public struct Attention: Sendable {
        public let q: Linear, k: Linear, v: Linear, o: Linear
        public var qkvW: Int { q.w }        // [3C × C]
        public var qkvB: Int { q.b }        // [3C]
        public var kvW: Int { k.w }         // [2C × C]
        public var kvB: Int { k.b }         // [2C]
    }
    public struct EncoderLayer: Sendable {
        public let selfAttn: Attention, selfNorm: Norm, fc1: Linear, fc2: Linear, finalNorm: Norm
    }
    public struct DecoderLayer: Sendable {
        public let selfAttn: Attention, selfNorm: Norm, crossAttn: Attention, crossNorm: Norm
        public let fc1: Linear, fc2: Linear, finalNorm: Norm
    }

    public let config: ModelConfig
    public private(set) var tensors: [Tensor] = []
    /// Total number of scalars.
    public private(set) var count = 0
    public private(set) var shared = 0              // [V × C]  model.shared.weight (tied: embed_tokens ×2, lm_head)
    public private(set) var encoderPositions = 0    // [(P+2) × C]
    public private(set) var decoderPositions = 0    // [(P+2) × C]
    public private(set) var encoderEmbeddingNorm = Norm(g: 0, b: 0)
    public private(set) var decoderEmbeddingNorm = Norm(g: 0, b: 0)
    public private(set) var encoder: [EncoderLayer] = []
    public private(set) var decoder: [DecoderLayer] = []
    public private(set) var finalLogitsBias = 0     // [V]  (HF shape [1 × V])
    /// Pre-LN only (mBART's `model.encoder.layer_norm`, `model.decoder.layer_norm`): after the last layer of each stack.
    public private(set) var encoderFinalNorm: Norm? = nil
    public private(set) var decoderFinalNorm: Norm? = nil

    public init(_ c: ModelConfig) {
        config = c
        let C = c.dModel, F = c.ffn, V = c.vocabSize, P = c.maxPositions + 2
        shared = add("model.shared.weight", [V, C])
        encoderPositions = add("model.encoder.embed_positions.weight", [P, C])
        encoderEmbeddingNorm = norm("model.encoder.layernorm_embedding")
        for i in 0..<c.encoderLayers {
            let p = "model.encoder.layers.\(i)."
            let a = attention(p + "self_attn"), n1 = norm(p + "self_attn_layer_norm")
            let f1 = linear(p + "fc1", out: F, in: C), f2 = linear(p + "fc2", out: C, in: F)
            encoder.append(EncoderLayer(selfAttn: a, selfNorm: n1, fc1: f1, fc2: f2, finalNorm: norm(p + "final_layer_norm")))
        }
        if c.preLayerNorm { encoderFinalNorm = norm("model.encoder.layer_norm") }
        decoderPositions = add("model.decoder.embed_positions.weight", [P, C])
        decoderEmbeddingNorm = norm("model.decoder.layernorm_embedding")
        for i in 0..<c.decoderLayers {
            let p = "model.decoder.layers.\(i)."
            let a = attention(p + "self_attn"), n1 = norm(p + "self_attn_layer_norm")
            let x = attention(p + "encoder_attn"), n2 = norm(p + "encoder_attn_layer_norm")
            let f1 = linear(p + "fc1", out: F, in: C), f2 = linear(p + "fc2", out: C, in: F)
            decoder.append(DecoderLayer(selfAttn: a, selfNorm: n1, crossAttn: x, crossNorm: n2, fc1: f1, fc2: f2,
                                        finalNorm: norm(p + "final_layer_norm")))
        }
        if c.preLayerNorm { decoderFinalNorm = norm("model.decoder.layer_norm") }
        finalLogitsBias = add("final_logits_bias", [1, V])
    }

    /// The tensor called `name`, if any.
    public func tensor(named name: String) -> Tensor? { tensors.first { $0.name == name } }

    private mutating func add(_ name: String, _ shape: [Int]) -> Int {
        let off = count
        tensors.append(Tensor(name: name, shape: shape, offset: off))
        count += shape.reduce(1, *)
        return off
    }
    private mutating func linear(_ p: String, out: Int, in inF: Int) -> Linear {
        let w = add(p + ".weight", [out, inF]); let b = add(p + ".bias", [out])
        return Linear(w: w, b: b, outFeatures: out, inFeatures: inF)
    }
    private mutating func norm(_ p: String) -> Norm {
        let g = add(p + ".weight", [config.dModel]); let b = add(p + ".bias", [config.dModel])
        return Norm(g: g, b: b)
    }
    private mutating func attention(_ p: String) -> Attention {
        let C = config.dModel
        let qw = add(p + ".q_proj.weight", [C, C]), kw = add(p + ".k_proj.weight", [C, C]), vw = add(p + ".v_proj.weight", [C, C])
        let qb = add(p + ".q_proj.bias", [C]), kb = add(p + ".k_proj.bias", [C]), vb = add(p + ".v_proj.bias", [C])
        let o = linear(p + ".out_proj", out: C, in: C)
        return Attention(q: Linear(w: qw, b: qb, outFeatures: C, inFeatures: C),
                         k: Linear(w: kw, b: kb, outFeatures: C, inFeatures: C),
                         v: Linear(w: vw, b: vb, outFeatures: C, inFeatures: C), o: o)
    }
}

/// A heap buffer of `count` scalars, zero-initialised, freed on deinit. Used for parameter, gradient,
/// optimiser and activation slabs.
public final class Slab<T: ModelScalar>: @unchecked Sendable {
    public let p: Ptr<T>
    public let count: Int
    public init(_ count: Int) {
        self.count = count
        p = .allocate(capacity: max(1, count))
        p.initialize(repeating: 0, count: max(1, count))
    }
    /// `count` values left as the allocator returns them: for scratch that every user writes before reading
    /// (activations), where zeroing would cost a pass over memory and a page fault per fresh page.
    init(uninitialized count: Int) {
        self.count = count
        p = .allocate(capacity: max(1, count))
    }
    deinit { p.deallocate() }
    public subscript(i: Int) -> T {
        get { p[i] }
        set { p[i] = newValue }
    }
    public func zero() { p.update(repeating: 0, count: count) }
    public var array: [T] { Array(UnsafeBufferPointer(start: p, count: count)) }
    public func copy(from other: Slab<T>) {
        precondition(other.count == count, "slab sizes differ: \(other.count) vs \(count)")
        p.update(from: other.p, count: count)
    }
}
