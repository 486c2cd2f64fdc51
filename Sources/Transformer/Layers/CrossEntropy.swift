// Output softmax + cross-entropy with padding ignored and optional label smoothing (torch.nn.CrossEntropyLoss
// with ignore_index and label_smoothing ε): per token, loss = (1−ε)·(−log p_y) + ε·mean_v(−log p_v); the batch
// loss is the mean over non-ignored tokens. Glossary: M target tokens (B·T), V vocabulary.

/// Turns logits [M×V] into probabilities in place and returns (sum of token losses, number of counted tokens).
/// `targets[m] == ignore` is skipped. Softmax subtracts the row maximum for stability.
func crossEntropyForward<T: ModelScalar>(_ logits: Ptr<T>, _ targets: UnsafePointer<Int32>, ignore: Int32,
                                         smoothing: Double, m M: Int, v V: Int) -> (loss: Double, count: Int) {
    var total = 0.0, count = 0
    for r in 0..<M {
        let z = logits + r * V
        var mx = z[0]
        for j in 1..<V where z[j] > mx { mx = z[j] }
        let y = targets[r]
        // The logits the loss needs (z_y and, for smoothing, their mean) are read before the row becomes exps.
        let zy = y != ignore ? Double(z[Int(y)]) : 0
        var mean = 0.0
        if y != ignore && smoothing > 0 {
            for j in 0..<V { mean += Double(z[j]) }
            mean /= Double(V)
        }
        let s = expShiftedInPlace(z, count: V, shift: mx)
        if y != ignore {
            // log p_v = z_v − log Σ e^z, from the logits (not from rounded probabilities).
            let logZ = Double(mx) + Foundation.log(Double(s))
            var l = logZ - zy
            if smoothing > 0 { l = (1 - smoothing) * l + smoothing * (logZ - mean) }
            total += l; count += 1
        }
        let inv = 1 / s
        for j in 0..<V { z[j] *= inv }
    }
    return (total, count)
}

/// Overwrites the probabilities with dloss/dlogits = (p − q)·scale, q = (1−ε)·onehot(y) + ε/V, and zero
/// rows for ignored tokens. `scale` is 1/count for a mean loss.
func crossEntropyBackward<T: ModelScalar>(_ probs: Ptr<T>, _ targets: UnsafePointer<Int32>, ignore: Int32,
                                          smoothing: Double, scale: T, m M: Int, v V: Int) {
    let eps = T(smoothing), uniform = T(smoothing) / T(V)
    for r in 0..<M {
        let p = probs + r * V
        let y = targets[r]
        if y == ignore { p.update(repeating: 0, count: V); continue }
        for j in 0..<V { p[j] = (p[j] - uniform) * scale }
        p[Int(y)] -= (1 - eps) * scale
    }
}

import Foundation
