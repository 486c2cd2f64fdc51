import Exact

/// Random exact values for seeded law tests. Magnitudes are chosen to straddle the machine-integer boundary, since
/// that is where the small/big fast paths of `BigInt` switch representation.
extension SeededRNG {
    /// A random Int in `range` (inclusive).
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A random BigInt drawn from one of several magnitude classes: tiny, small, near ±2^63 (Int.min/Int.max
    /// ± a few), past 2^63, past 2^127, and ~300 bits. Negative about half the time.
    public mutating func bigInt() -> BigInt {
        let sign: BigInt = Bool.random(using: &self) ? 1 : -1
        switch int(0...6) {
        case 0: return BigInt(int(-10...10))
        case 1: return BigInt(int(-1_000_000...1_000_000))
        case 2: return BigInt(Int.max) + BigInt(int(-3...3))           // straddles Int.max
        case 3: return BigInt(Int.min) + BigInt(int(-3...3))           // straddles Int.min
        case 4: return sign * ((BigInt(1) << 63) + BigInt(Int64.random(in: 0...Int64.max, using: &self)))
        case 5: return sign * ((BigInt(1) << 127) + BigInt(Int64.random(in: 0...Int64.max, using: &self)))
        default:
            var v = BigInt(0)
            for _ in 0..<5 { v = (v << 60) + BigInt(Int64.random(in: 0...(1 << 60), using: &self)) }
            return sign * v
        }
    }

    /// A random non-zero BigInt.
    public mutating func nonZeroBigInt() -> BigInt {
        while true { let v = bigInt(); if !v.isZero { return v } }
    }

    /// A random rational with numerator and denominator from `bigInt()`.
    public mutating func rational() -> Rational { Rational(bigInt(), nonZeroBigInt()) }

    /// A small rational n/d with |n| ≤ maxNum, 1 ≤ d ≤ maxDen.
    public mutating func smallRational(maxNum: Int = 9, maxDen: Int = 4) -> Rational {
        Rational(int(-maxNum...maxNum), int(1...maxDen))
    }

    /// A random rows×cols matrix of small rationals; `density` is the probability of a non-zero entry.
    public mutating func rationalMatrix(rows: Int, cols: Int, maxNum: Int = 9, maxDen: Int = 1,
                                        density: Double = 1) -> RationalMatrix {
        var e: [Rational] = []
        for _ in 0..<(rows * cols) {
            e.append(Double.random(in: 0..<1, using: &self) < density ? smallRational(maxNum: maxNum, maxDen: maxDen) : .zero)
        }
        return RationalMatrix(rows: rows, cols: cols, entries: e)
    }

    /// A random rows×cols matrix of rank ≤ r (product of random rows×r and r×cols integer matrices).
    public mutating func lowRankMatrix(rows: Int, cols: Int, rank r: Int, maxNum: Int = 3) -> RationalMatrix {
        rationalMatrix(rows: rows, cols: r, maxNum: maxNum) * rationalMatrix(rows: r, cols: cols, maxNum: maxNum)
    }
}
