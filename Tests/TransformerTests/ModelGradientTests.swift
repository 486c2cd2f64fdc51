import Testing
@testable import Transformer
import TestSupport

@Suite struct ModelGradientTests {
    /// The whole model in Double against central finite differences of the mean loss, for up to 12 entries of
    /// every parameter tensor (all ~60 tensors, both padding masks, the tied embedding's three uses).
    /// Post-LN (BART) and pre-LN (mBART), with and without label smoothing.
    @Test(arguments: [0.0, 0.1], [false, true])
    func wholeModel(smoothing: Double, preLN: Bool) {
        var cfg = microConfig()
        cfg.preLayerNorm = preLN
        let model = Seq2SeqModel<Double>(config: cfg, seed: 11)
        // Larger weights than BART's 0.02 init so every path contributes visibly to the loss.
        var rng = SeededRNG(seed: 12)
        for t in model.layout.tensors where !t.name.contains("layer_norm") && !t.name.contains("layernorm") {
            for i in 0..<t.count { model.params[t.offset + i] = Double.random(in: -0.5...0.5, using: &rng) }
        }
        model.labelSmoothing = smoothing
        let batch = microBatch(cfg)
        model.forward(batch)
        model.zeroGradients()
        model.backward()
        let analytic = model.grads.array
        var indices: [Int] = []
        for t in model.layout.tensors {
            let step = max(1, t.count / 12)
            indices += stride(from: t.offset, to: t.offset + t.count, by: step).map { $0 }
        }
        // The padding row of the shared embedding is not an input anywhere, but it is an output logit: it must
        // be checked too (row padId).
        let padRow = model.layout.shared + Int(cfg.padId) * cfg.dModel
        indices += (padRow..<padRow + cfg.dModel)
        let err = gradientError("model", x: model.params, analytic: analytic, indices: indices) { model.forward(batch) }
        #expect(err < 1e-6)
    }

    /// BLAS and the naive reference give the same loss and gradients (Float, the tiny benchmark shape scaled down).
    @Test(arguments: [false, true]) func blasMatchesNaive(preLN: Bool) {
        var cfg = ModelConfig(name: "t", dModel: 32, encoderLayers: 2, decoderLayers: 2, heads: 4, ffn: 48,
                              vocabSize: 29, maxPositions: 16)
        cfg.preLayerNorm = preLN
        let batch = microBatch(cfg, seed: 3)
        var losses: [Double] = [], grads: [[Float]] = []
        for (be, th) in [(Backend.naive, 1), (.blas, 1), (.blas, 2)] {
            let m = Seq2SeqModel<Float>(config: cfg, seed: 5)
            m.backend = be; m.threads = th
            losses.append(m.forward(batch))
            m.zeroGradients(); m.backward()
            grads.append(m.grads.array)
        }
        #expect(abs(losses[0] - losses[1]) < 1e-5)
        let scale = grads[0].map { abs($0) }.max()!
        let diff = zip(grads[0], grads[1]).map { abs($0 - $1) }.max()!
        #expect(diff / scale < 1e-4)
        // Threads split only over independent outputs: bit-identical.
        #expect(grads[1] == grads[2] && losses[1] == losses[2])
    }

    /// Parameter counts, derived by hand from BART's shapes. small: shared 256·256 + 2 position tables 1026·256
    /// + 4 encoder layers × 789,760 + 4 decoder layers × 1,053,440 + 2 embedding norms × 512 = 7,964,672 (what
    /// torch counts, as /work/shared/bench/README.md's 7.96M), plus final_logits_bias 256.
    @Test func parameterCounts() {
        #expect(ModelConfig.small.parameterCount == 7_964_672 + 256)
        // tiny: 32,768 + 2·131,328 + 2·198,272 + 2·264,576 + 2·256 + 256
        #expect(ModelConfig.tiny.parameterCount == 32_768 + 2 * 131_328 + 2 * 198_272 + 2 * 264_576 + 2 * 256 + 256)
        #expect(ModelConfig.base.parameterCount > 24_000_000 && ModelConfig.base.parameterCount < 27_000_000)
        // Pre-LN adds mBART's two final layer norms (gain and shift of C each).
        var pre = ModelConfig.small; pre.preLayerNorm = true
        #expect(pre.parameterCount == ModelConfig.small.parameterCount + 4 * 256)
        #expect(ParameterLayout(pre).tensor(named: "model.decoder.layer_norm.weight")?.shape == [256])
        #expect(ParameterLayout(.small).tensor(named: "model.encoder.layer_norm.weight") == nil)
        let l = ParameterLayout(.small)
        #expect(l.tensor(named: "model.decoder.layers.3.encoder_attn.k_proj.weight")?.shape == [256, 256])
        #expect(l.tensor(named: "final_logits_bias")?.shape == [1, 256])
        // q, k, v of one block are contiguous (the fused products rely on it).
        let a = l.decoder[0].selfAttn
        #expect(a.k.w == a.q.w + 256 * 256 && a.v.w == a.k.w + 256 * 256 && a.k.b == a.q.b + 256)
    }
}
