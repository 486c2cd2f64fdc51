import Testing
@testable import Exact
import TestSupport
import CExactShim

@Suite struct BigIntKnownAnswers {
    @Test(arguments: [
        // (a, b, gcd, lcm): hand-computed.
        ("0", "0", "0", "0"), ("0", "5", "5", "0"), ("-12", "18", "6", "36"), ("17", "5", "1", "85"),
        ("-9223372036854775808", "0", "9223372036854775808", "0"),               // |Int.min| = 2^63 is big
        ("18446744073709551616", "12884901888", "4294967296", "55340232221128654848"), // 2^64, 3·2^32
        ("-9223372036854775808", "-9223372036854775808", "9223372036854775808", "9223372036854775808"),
    ])
    func gcdTable(a: String, b: String, g: String, l: String) {
        let x = BigInt(a)!, y = BigInt(b)!
        #expect(BigInt.gcd(x, y).description == g)
        #expect(BigInt.lcm(x, y).description == l)
    }

    @Test func knownValues() {
        #expect(BigInt.factorial(20).description == "2432902008176640000")
        #expect(BigInt.factorial(25).description == "15511210043330985984000000")
        #expect(BigInt.binomial(100, 50).description == "100891344545564193334812497256")
        #expect(BigInt.binomial(5, 7) == 0)
        #expect(BigInt(3).power(40).description == "12157665459056928801")
        #expect((BigInt(1) << 127).description == "170141183460469231731687303715884105728")
        #expect(BigInt("-0") == 0 && BigInt("+7") == 7)
        #expect(BigInt("") == nil && BigInt("1e5") == nil && BigInt("--1") == nil && BigInt("12a") == nil)
        #expect(coeffMax == lx_coeff_max())                                   // the constant the word views rely on
    }

    /// The inline/big boundary: values that fit in Int are always inline, whatever produced them.
    @Test func canonicalBoundary() {
        let max = BigInt(Int.max), min = BigInt(Int.min)
        #expect(!(max + 1).isSmall && (max + 1 - 1).isSmall && (max + 1 - 1) == max)
        #expect(!(-min).isSmall && (-min).description == "9223372036854775808")
        #expect((-min - 1) == max && (-min - 1).isSmall)
        #expect(min / BigInt(-1) == -min)                                      // Int.min / −1 overflows Int
        #expect(min % BigInt(-1) == 0)
        #expect((min - 1) + 1 == min && ((min - 1) + 1).isSmall)
        #expect((max * max).dividedExactly(by: max) == max)
        #expect(Set([max + 1 - 1, max]).count == 1)
        #expect(BigInt(UInt64.max).description == "18446744073709551615")
    }

    /// Seeded laws across the magnitude classes (small, ±2^63 ± k, past 2^63 and 2^127, ~300 bits, negative).
    @Test(arguments: [101, 102, 103, 104])
    func ringLaws(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        for _ in 0..<300 {
            let a = rng.bigInt(), b = rng.bigInt(), c = rng.bigInt()
            if let m = Laws.additiveGroup(a, b, c, negate: { -$0 }) { Issue.record("seed \(seed): \(m)") }
            if let m = Laws.commutativeRing(a, b, c, one: .one, times: *) { Issue.record("seed \(seed): \(m)") }
            if let m = Laws.hashConsistent(a, (a + b) - b) { Issue.record("seed \(seed): \(m)") }
            if !b.isZero {
                let q = a / b, r = a % b
                #expect(q * b + r == a, "seed \(seed): division identity for \(a), \(b)")
                #expect(r.isZero || r.signum == a.signum, "seed \(seed): remainder sign for \(a), \(b)")
                #expect(r.magnitude < b.magnitude, "seed \(seed): |r| < |b| for \(a), \(b)")
                #expect((a * b).dividedExactly(by: b) == a, "seed \(seed)")
                let g = BigInt.gcd(a, b)
                #expect((a % g).isZero && (b % g).isZero, "seed \(seed): gcd divides for \(a), \(b)")
            }
            #expect((a < b) == ((b - a).signum > 0), "seed \(seed): order for \(a), \(b)")
            #expect(BigInt(a.description) == a, "seed \(seed): print/parse round trip \(a)")
        }
    }
}

@Suite struct RationalTests {
    @Test func knownAnswers() {
        #expect(Rational(1, 2) + Rational(1, 3) == Rational(5, 6))
        #expect(Rational(1, 2) - Rational(1, 3) == Rational(1, 6))
        #expect(Rational(2, 3) * Rational(9, 4) == Rational(3, 2))
        #expect(Rational(2, 3) / Rational(-4, 9) == Rational(-3, 2))
        #expect(Rational(6, -4).description == "-3/2")
        #expect(Rational(0, -5) == .zero && Rational(0, -5).denominator == 1)
        #expect(Rational(7, 2).floor == 3 && Rational(-7, 2).floor == -4 && Rational(-4, 2).floor == -2)
        #expect(Rational(2, 3).power(-3) == Rational(27, 8))
        #expect(Rational(Int.min, -1).description == "9223372036854775808")
        #expect(Rational(Int.min, Int.min) == .one)
        #expect(Rational(1, Int.min).description == "-1/9223372036854775808")
        #expect(Rational(Int.max, 2) + Rational(Int.max, 2) == Rational(BigInt(Int.max)))
        // Harmonic number H_30 = 9304682830147/2329089562800 (published value, OEIS A001008/A002805).
        var h = Rational.zero
        for k in 1...30 { h += Rational(1, k) }
        #expect(h.description == "9304682830147/2329089562800")
    }

    @Test(arguments: [
        ("-3/4", "-3/4"), ("7", "7"), ("6/4", "3/2"), (" 1 / 2 ", "1/2"), ("+5/10", "1/2"), ("-0/3", "0"),
        ("123456789012345678901234567890/2", "61728394506172839450617283945"),
    ])
    func parsesAndPrints(text: String, printed: String) {
        #expect(Rational(text)?.description == printed, "parsing '\(text)'")
    }

    /// Rejected: zero denominator, signed denominator (the sign belongs to the numerator), malformed text.
    @Test(arguments: ["1/0", "3/-4", "3/+4", "abc", "", "/", "1/", "/2", "1/2/3", "1.5", "- 3/4"])
    func rejects(text: String) {
        #expect(Rational(text) == nil, "'\(text)' should be rejected")
    }

    @Test(arguments: [201, 202, 203, 204])
    func fieldLaws(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        for k in 0..<200 {
            // Mix big rationals with small ones so the machine and FLINT paths meet in every combination.
            let a = k % 3 == 0 ? rng.smallRational() : rng.rational()
            let b = k % 5 == 0 ? rng.smallRational() : rng.rational()
            let c = rng.rational()
            if let m = Laws.additiveGroup(a, b, c, negate: { -$0 }) { Issue.record("seed \(seed): \(m)") }
            if let m = Laws.commutativeRing(a, b, c, one: .one, times: *) { Issue.record("seed \(seed): \(m)") }
            if let m = Laws.hashConsistent(a, (a + b) - b) { Issue.record("seed \(seed): \(m)") }
            if !b.isZero {
                #expect(b * b.reciprocal == .one, "seed \(seed): inverse of \(b)")
                #expect((a / b) * b == a, "seed \(seed): (a/b)·b for \(a), \(b)")
            }
            // Canonical form: positive denominator, coprime parts, equal to the FLINT-free reduction.
            let s = a + b
            #expect(s.denominator.signum > 0 && BigInt.gcd(s.numerator, s.denominator) == .one, "seed \(seed): \(s)")
            #expect(s == Rational(a.numerator * b.denominator + b.numerator * a.denominator,
                                  a.denominator * b.denominator), "seed \(seed): sum of \(a), \(b)")
            #expect(Rational(s.description) == s, "seed \(seed): print/parse \(s)")
            #expect((a < b) == ((b - a).signum > 0), "seed \(seed): order")
        }
    }

    /// In-place updates reuse FLINT storage only when unshared: copies must keep their value, and aliasing
    /// (`s += s`) must work.
    @Test func inPlaceUpdatesKeepValueSemantics() {
        var s = Rational(BigInt(1) << 200, BigInt(3).power(50))
        let copy = s
        s += Rational(1, 7)
        #expect(copy == Rational(BigInt(1) << 200, BigInt(3).power(50)))
        #expect(s == copy + Rational(1, 7))
        var t = s
        t += t                                                      // aliasing
        #expect(t == Rational(2) * s)
        t *= t
        #expect(t == Rational(4) * s * s)
        var u = t
        u -= t                                                      // becomes 0: must demote to canonical 0
        #expect(u == .zero && u.numerator.isSmall && u.denominator == 1)
        // A big sum that comes back to a machine value is stored inline again.
        var v = Rational(BigInt(1) << 100, 3)
        v += Rational(-(BigInt(1) << 100) + 3, 3)
        #expect(v == .one && v.numerator.isSmall && v.denominator.isSmall)
        // Accumulation with big denominators: Σ_{i<300} 1/((i%100)+1) = 3·H_100.
        var acc = Rational.zero, h = Rational.zero
        for i in 0..<300 { acc += Rational(1, (i % 100) + 1) }
        for k in 1...100 { h = h + Rational(1, k) }
        #expect(acc == Rational(3) * h)
    }
}
