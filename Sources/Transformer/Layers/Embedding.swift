// Token + learned position embeddings (BART): x[b,t,:] = scale·E[tok[b,t]] + P[t + 2]. The offset of 2 is
// BartLearnedPositionalEmbedding's (its first two rows are never used). Glossary: B batch, L length, C channels.

/// out[B·L × C]. `start` shifts positions (decoding step t uses row t + 2).
func embeddingForward<T: ModelScalar>(_ out: Ptr<T>, _ tokens: UnsafePointer<Int32>, _ table: Ptr<T>, _ pos: Ptr<T>,
                                      batch B: Int, length L: Int, c C: Int, scale: T, start: Int = 0) {
    for b in 0..<B {
        for t in 0..<L {
            let o = out + (b * L + t) * C
            let e = table + Int(tokens[b * L + t]) * C
            let p = pos + (start + t + 2) * C
            for i in 0..<C { o[i] = scale * e[i] + p[i] }
        }
    }
}

/// Adds into dtable and dpos, serially in row order (so the result is deterministic). Rows whose token is
/// `skip` (padding) add nothing to dtable, as torch's `nn.Embedding(padding_idx:)` (their positions still do).
func embeddingBackward<T: ModelScalar>(_ dtable: Ptr<T>, _ dpos: Ptr<T>, _ dout: Ptr<T>, _ tokens: UnsafePointer<Int32>,
                                       batch B: Int, length L: Int, c C: Int, scale: T, skip: Int32) {
    for b in 0..<B {
        for t in 0..<L {
            let d = dout + (b * L + t) * C
            let p = dpos + (t + 2) * C
            for i in 0..<C { p[i] += d[i] }
            if tokens[b * L + t] == skip { continue }
            let e = dtable + Int(tokens[b * L + t]) * C
            for i in 0..<C { e[i] += scale * d[i] }
        }
    }
}
