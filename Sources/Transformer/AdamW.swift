// AdamW (Loshchilov & Hutter 2019, "Decoupled weight decay regularization"), as torch.optim.AdamW:
//   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  p ← p − lr·(m̂/(√v̂ + ε) + λ·p),  m̂ = m/(1−β1^t), v̂ = v/(1−β2^t).
// Weight decay λ applies to matrices (embeddings included) and not to biases or layer norms (the GPT-2/BART
// fine-tuning convention; decaying a layer-norm gain towards 0 fights the normalisation).

/// Optimiser and schedule settings.
public struct OptimizerOptions: Codable, Equatable, Sendable {
    public var learningRate: Double = 5e-4
    public var beta1: Double = 0.9
    /// 0.98 as in BART/fairseq (more stable than 0.999 for transformers trained from scratch).
    public var beta2: Double = 0.98
    public var epsilon: Double = 1e-8
    public var weightDecay: Double = 0.01
    /// Linear warm-up from 0 over this many steps, then cosine decay to `minLearningRateRatio`·lr at `totalSteps`.
    public var warmupSteps: Int = 100
    public var totalSteps: Int = 1000
    public var minLearningRateRatio: Double = 0.1
    /// Global gradient-norm clipping threshold (0 disables).
    public var clipNorm: Double = 1.0
    public init() {}

    /// Learning rate for 0-based step `step`.
    public func learningRate(at step: Int) -> Double {
        if step < warmupSteps { return learningRate * Double(step + 1) / Double(warmupSteps) }
        let span = max(1, totalSteps - warmupSteps)
        let t = min(1, Double(step - warmupSteps) / Double(span))
        let cosine = 0.5 * (1 + Foundation.cos(Double.pi * t))
        return learningRate * (minLearningRateRatio + (1 - minLearningRateRatio) * cosine)
    }
}

/// AdamW state: first and second moments in slabs laid out like the parameters.
public final class AdamW<T: ModelScalar> {
    public let m: Slab<T>
    public let v: Slab<T>
    /// Updates applied so far (t in the bias corrections).
    public internal(set) var t: Int = 0
    let decayMask: [(offset: Int, count: Int, decays: Bool)]

    public init(layout: ParameterLayout) {
        m = Slab(layout.count); v = Slab(layout.count)
        decayMask = layout.tensors.map { ($0.offset, $0.count, $0.decays) }
    }

    /// One update of `params` from `grads` with learning rate `lr`. Complexity O(parameters).
    public func update(params: Slab<T>, grads: Slab<T>, lr: Double, options o: OptimizerOptions) {
        t += 1
        let b1 = T(o.beta1), b2 = T(o.beta2), eps = T(o.epsilon)
        let c1 = T(1 / (1 - Foundation.pow(o.beta1, Double(t)))), c2 = T(1 / (1 - Foundation.pow(o.beta2, Double(t))))
        let lrT = T(lr)
        let p = params.p, g = grads.p, m = self.m.p, v = self.v.p
        for (off, n, decays) in decayMask {
            let wd = decays ? T(lr * o.weightDecay) : 0
            for i in off..<off + n {
                let gi = g[i]
                m[i] = b1 * m[i] + (1 - b1) * gi
                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                let mh = m[i] * c1, vh = v[i] * c2
                p[i] -= lrT * mh / (vh.squareRoot() + eps) + wd * p[i]
            }
        }
    }
}

/// Scales `grads` so their global L2 norm is at most `maxNorm`; returns the norm before clipping
/// (torch.nn.utils.clip_grad_norm_). The sum of squares is accumulated in Double.
@discardableResult
public func clipGradientNorm<T: ModelScalar>(_ grads: Slab<T>, maxNorm: Double) -> Double {
    var s = 0.0
    for i in 0..<grads.count { let x = Double(grads.p[i]); s += x * x }
    let norm = s.squareRoot()
    if maxNorm > 0 && norm > maxNorm {
        let f = T(maxNorm / (norm + 1e-6))
        for i in 0..<grads.count { grads.p[i] *= f }
    }
    return norm
}

import Foundation
