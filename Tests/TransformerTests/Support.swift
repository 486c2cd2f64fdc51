import Testing
@testable import Transformer
import TestSupport

/// A micro configuration for finite-difference checks: 2+2 layers so layer chaining is exercised, every
/// dimension distinct so a transposed index cannot hide.
func microConfig(vocab: Int = 11) -> ModelConfig {
    ModelConfig(name: "micro", dModel: 8, encoderLayers: 2, decoderLayers: 2, heads: 2, ffn: 12, vocabSize: vocab,
                maxPositions: 9)
}

/// Two examples of different lengths (so both padding masks matter), token ids ≥ 3 (not special).
func microBatch(_ cfg: ModelConfig, seed: UInt64 = 7) -> Seq2SeqBatch {
    var rng = SeededRNG(seed: seed)
    func seq(_ n: Int) -> [Int32] { (0..<n).map { _ in Int32.random(in: 3..<Int32(cfg.vocabSize), using: &rng) } }
    return Seq2SeqBatch(encoderInputs: [cfg.frameSource(seq(4)), cfg.frameSource(seq(1))],
                        labels: [cfg.frameTarget(seq(3)), cfg.frameTarget(seq(1))], config: cfg)
}

/// A slab holding `values`.
func slab<T: ModelScalar>(_ values: [T]) -> Slab<T> {
    let s = Slab<T>(values.count)
    for (i, v) in values.enumerated() { s[i] = v }
    return s
}

func randomArray(_ n: Int, _ rng: inout SeededRNG, scale: Double = 1) -> [Double] {
    (0..<n).map { _ in Double.random(in: -scale...scale, using: &rng) }
}

/// Central finite differences of `f` at `x` for the indices `indices`, compared with `analytic`.
/// Returns the largest |analytic − numeric| / max(1, |numeric|) and prints the worst entry.
@discardableResult
func gradientError(_ label: String, x: Slab<Double>, analytic: [Double], indices: [Int]? = nil,
                   h: Double = 1e-5, _ f: () -> Double) -> Double {
    var worst = 0.0, worstIndex = -1, worstPair = (0.0, 0.0)
    for i in indices ?? Array(0..<x.count) {
        let old = x[i]
        x[i] = old + h; let fp = f()
        x[i] = old - h; let fm = f()
        x[i] = old
        let numeric = (fp - fm) / (2 * h)
        let err = abs(analytic[i] - numeric) / max(1, abs(numeric))
        if err > worst { worst = err; worstIndex = i; worstPair = (analytic[i], numeric) }
    }
    if worst > 1e-7 {
        print("\(label): worst at \(worstIndex): analytic \(worstPair.0) numeric \(worstPair.1) (rel err \(worst))")
    }
    return worst
}

/// Σ r ⊙ out: a scalar loss whose gradient with respect to `out` is `r`.
func project(_ out: Slab<Double>, _ r: [Double]) -> Double {
    var s = 0.0
    for i in 0..<r.count { s += out[i] * r[i] }
    return s
}
