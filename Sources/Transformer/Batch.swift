/// One padded training batch (right padding). Glossary: B batch, S source length, T target length.
///
/// Framing (BART's): the encoder reads `[bos] + source + [eos]`; the labels are `target + [eos]`; the decoder
/// reads the labels shifted right behind `decoderStartId` (`shift_tokens_right`). Padding positions in the
/// labels hold `padId` and are ignored by the loss.
public struct Seq2SeqBatch: Sendable, Equatable {
    public let batch: Int            // B
    public let sourceLength: Int     // S (padded)
    public let targetLength: Int     // T (padded)
    public let source: [Int32]       // [B × S]
    public let sourceLengths: [Int]  // [B]
    public let decoderInput: [Int32] // [B × T]
    public let labels: [Int32]       // [B × T]
    public let targetLengths: [Int]  // [B]

    /// Builds a batch from framed encoder inputs and label sequences (see `ModelConfig.frame`).
    /// Precondition: every sequence is non-empty and no longer than `config.maxPositions`.
    public init(encoderInputs: [[Int32]], labels: [[Int32]], config: ModelConfig) {
        precondition(encoderInputs.count == labels.count && !labels.isEmpty, "need as many labels as inputs")
        let B = labels.count
        let S = encoderInputs.map(\.count).max()!, T = labels.map(\.count).max()!
        precondition(S >= 1 && T >= 1 && S <= config.maxPositions && T <= config.maxPositions,
                     "sequence lengths \(S), \(T) must be in 1...\(config.maxPositions)")
        var src = [Int32](repeating: config.padId, count: B * S)
        var dec = [Int32](repeating: config.padId, count: B * T)
        var lab = [Int32](repeating: config.padId, count: B * T)
        for b in 0..<B {
            for (i, t) in encoderInputs[b].enumerated() { src[b * S + i] = t }
            for (i, t) in labels[b].enumerated() {
                lab[b * T + i] = t
                dec[b * T + i] = i == 0 ? config.decoderStartId : labels[b][i - 1]
            }
        }
        batch = B; sourceLength = S; targetLength = T
        source = src; sourceLengths = encoderInputs.map(\.count)
        decoderInput = dec; self.labels = lab; targetLengths = labels.map(\.count)
    }

    /// Non-padding label tokens (what the loss averages over).
    public var targetTokens: Int { targetLengths.reduce(0, +) }
}

extension ModelConfig {
    /// `[bos] + tokens + [eos]`, BART's encoder framing.
    public func frameSource(_ tokens: [Int32]) -> [Int32] { [bosId] + tokens + [eosId] }
    /// `tokens + [eos]`: the labels the decoder learns to emit.
    public func frameTarget(_ tokens: [Int32]) -> [Int32] { tokens + [eosId] }
}
