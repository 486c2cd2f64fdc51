// Naive reference for the Laurent product kernels: a Swift dictionary from exponent vectors ([Int]) to
// coefficients, the textbook double loop. The tests compare every kernel (hash/heap, Int128/generic,
// UInt64/UInt128 keys, truncated) against it; it is also the fallback when exponents need more than 128 bits.

extension LaurentPolynomial {
    /// The terms as a dictionary exponent vector → coefficient.
    public var dictionary: [[Int]: C] {
        var d: [[Int]: C] = [:]
        for t in 0..<termCount { d[exponents(ofTerm: t)] = coeffs[t] }
        return d
    }

    /// Schoolbook product through a dictionary.
    public func referenceProduct(_ other: Self) -> Self {
        precondition(variableCount == other.variableCount, "referenceProduct: variable counts differ")
        var d: [[Int]: C] = [:]
        let ta = terms, tb = other.terms
        for a in ta {
            for b in tb {
                let e = zip(a.exponents, b.exponents).map { $0 + $1 }
                d[e, default: .zero] += a.coefficient * b.coefficient
            }
        }
        return Self(variableCount: variableCount, dictionary: d)
    }
}
