import Foundation

/// The shape of a BART-style encoder–decoder, with the special token ids it needs.
///
/// The mathematics is Hugging Face's `BartForConditionalGeneration` (post-LN, learned positions offset by 2,
/// exact-erf GELU, `layernorm_embedding`, embeddings shared between encoder, decoder and output projection,
/// `final_logits_bias`), so `export-hf` is a renaming, never a conversion. Dropout is not implemented (0).
public struct ModelConfig: Codable, Equatable, Sendable {
    public var name: String
    /// C, channels (`d_model`).
    public var dModel: Int
    public var encoderLayers: Int
    public var decoderLayers: Int
    /// H, attention heads; C must be divisible by H.
    public var heads: Int
    /// F, feed-forward width (`encoder_ffn_dim` = `decoder_ffn_dim`).
    public var ffn: Int
    /// V, vocabulary size.
    public var vocabSize: Int
    /// P, the longest source or target sequence (positions table has P + 2 rows: BART's offset).
    public var maxPositions: Int
    public var padId: Int32 = 1
    public var bosId: Int32 = 0
    public var eosId: Int32 = 2
    /// First decoder input (BART uses EOS).
    public var decoderStartId: Int32 = 2
    /// Multiply token embeddings by √C (`scale_embedding`; BART default false).
    public var scaleEmbedding: Bool = false
    public var layerNormEps: Double = 1e-5
    /// Pre-LN (mBART: x ← x + f(LayerNorm(x)), plus a final layer norm after each stack) instead of BART's post-LN
    /// (x ← LayerNorm(x + f(x))). Exported as `MBartForConditionalGeneration`.
    public var preLayerNorm: Bool = false

    enum CodingKeys: String, CodingKey {
        case name, dModel, encoderLayers, decoderLayers, heads, ffn, vocabSize, maxPositions, padId, bosId, eosId
        case decoderStartId, scaleEmbedding, layerNormEps, preLayerNorm
    }

    /// Decodes every field; `preLayerNorm` may be absent (checkpoints written before it existed are post-LN).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        dModel = try c.decode(Int.self, forKey: .dModel)
        encoderLayers = try c.decode(Int.self, forKey: .encoderLayers)
        decoderLayers = try c.decode(Int.self, forKey: .decoderLayers)
        heads = try c.decode(Int.self, forKey: .heads)
        ffn = try c.decode(Int.self, forKey: .ffn)
        vocabSize = try c.decode(Int.self, forKey: .vocabSize)
        maxPositions = try c.decode(Int.self, forKey: .maxPositions)
        padId = try c.decode(Int32.self, forKey: .padId)
        bosId = try c.decode(Int32.self, forKey: .bosId)
        eosId = try c.decode(Int32.self, forKey: .eosId)
        decoderStartId = try c.decode(Int32.self, forKey: .decoderStartId)
        scaleEmbedding = try c.decode(Bool.self, forKey: .scaleEmbedding)
        layerNormEps = try c.decode(Double.self, forKey: .layerNormEps)
        preLayerNorm = try c.decodeIfPresent(Bool.self, forKey: .preLayerNorm) ?? false
    }

    public init(name: String, dModel: Int, encoderLayers: Int, decoderLayers: Int, heads: Int, ffn: Int,
                vocabSize: Int, maxPositions: Int) {
        self.name = name; self.dModel = dModel; self.encoderLayers = encoderLayers; self.decoderLayers = decoderLayers
        self.heads = heads; self.ffn = ffn; self.vocabSize = vocabSize; self.maxPositions = maxPositions
    }

    /// The test and smoke configuration of /work/shared/bench (d 128, 2+2 layers, 8 heads, ffn 512): 1.22M params at V 256.
    public static let tiny = ModelConfig(name: "tiny", dModel: 128, encoderLayers: 2, decoderLayers: 2, heads: 8,
                                         ffn: 512, vocabSize: 256, maxPositions: 1024)
    /// d 256, 4+4 layers, 8 heads, ffn 1024: 7.96M params at V 256 (the benchmark's `small`).
    public static let small = ModelConfig(name: "small", dModel: 256, encoderLayers: 4, decoderLayers: 4, heads: 8,
                                          ffn: 1024, vocabSize: 256, maxPositions: 1024)
    /// d 384, 6+6 layers, 6 heads of 64, ffn 1536: about 25M params at V 1024.
    public static let base = ModelConfig(name: "base", dModel: 384, encoderLayers: 6, decoderLayers: 6, heads: 6,
                                         ffn: 1536, vocabSize: 1024, maxPositions: 1024)
    public static let named: [ModelConfig] = [.tiny, .small, .base]

    /// `head_dim` = C / H.
    public var headDim: Int { dModel / heads }

    /// Checks the invariants the kernels rely on; the message names the offending field.
    public func validate() throws {
        func bad(_ m: String) -> ModelError { .invalidConfig(m) }
        if dModel <= 0 || heads <= 0 || dModel % heads != 0 { throw bad("d_model \(dModel) must be a positive multiple of heads \(heads)") }
        if encoderLayers < 1 || decoderLayers < 1 { throw bad("need at least one encoder and one decoder layer") }
        if ffn <= 0 { throw bad("ffn \(ffn) must be positive") }
        if vocabSize < 4 { throw bad("vocab_size \(vocabSize) must be at least 4 (pad, bos, eos and one token)") }
        if maxPositions < 2 { throw bad("max_positions \(maxPositions) must be at least 2") }
        for (n, id) in [("pad", padId), ("bos", bosId), ("eos", eosId), ("decoder_start", decoderStartId)]
        where id < 0 || Int(id) >= vocabSize {
            throw bad("\(n)_id \(id) is outside the vocabulary 0..<\(vocabSize)")
        }
    }

    /// Total parameter count, counting the shared embedding once and including `final_logits_bias`.
    public var parameterCount: Int { ParameterLayout(self).count }

    /// "small: 7,964,928 parameters (d 256, 4+4 layers, 8 heads, ffn 1024, vocab 256)".
    public var summary: String {
        let n = parameterCount.formatted()
        return "\(name): \(n) parameters (d \(dModel), \(encoderLayers)+\(decoderLayers) layers, \(heads) heads, ffn \(ffn), vocab \(vocabSize), max positions \(maxPositions)\(preLayerNorm ? ", pre-LN" : ""))"
    }
}

extension Int {
    /// 7964928 → "7,964,928".
    func formatted() -> String {
        let s = String(self.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (self < 0 ? "-" : "") + out
    }
}

/// Errors from bad user data (configs, checkpoints, corpora). Each message says what is wrong and how to fix it.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    case invalidConfig(String)
    case badCheckpoint(String)
    case badCorpus(String)
    case badInput(String)

    public var description: String {
        switch self {
        case .invalidConfig(let m): return "invalid model configuration: \(m)"
        case .badCheckpoint(let m): return "bad checkpoint: \(m)"
        case .badCorpus(let m): return "bad corpus: \(m)"
        case .badInput(let m): return "bad input: \(m)"
        }
    }
}
