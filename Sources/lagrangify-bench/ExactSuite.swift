// Suite `exact`: the cost of the Exact module's Swift wrappers against calling FLINT directly on the same work, in one
// run. Every pair computes the same result (checked before timing); ratio = ours / FLINT, goal ≤ 1.1.
//   swift run -c release --scratch-path /tmp/build-exact lagrangify-bench exact [quick]
import CFlint
import Exact
import Foundation

enum ExactSuite {
    static func run(_ args: [String]) {
        let quick = args.contains("quick")
        rationalAccumulation(n: quick ? 200_000 : 1_000_000)
        bigDenominatorAccumulation(n: quick ? 50_000 : 200_000)
        smallRank(count: quick ? 2_000 : 10_000)
        rank200()
        polynomialProducts(quick: quick)
    }

    /// Like `Bench.compare`, but runs ours and the baseline alternately (so load drift hits both alike) and
    /// times each run with the *thread CPU clock* as well as the wall clock. This machine's 2 cores are shared
    /// with other builds (load average 4–6 while these numbers were taken), which made wall-clock ratios swing
    /// ±50% between runs; CPU time is what the ratio is about. The reported median/ratio is CPU time; the
    /// wall-clock medians are in `extra`.
    @discardableResult
    static func compare(name: String, baselineName: String, runs: Int = 7, extra: [String: String] = [:],
                        ours: () -> Void, baseline: () -> Void) -> Bench.Result {
        func cpuNow() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
        }
        func wallNow() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
        baseline(); ours()                                           // warm-up
        var cpuO: [Double] = [], cpuB: [Double] = [], wallO: [Double] = [], wallB: [Double] = []
        for _ in 0..<runs {
            var c = cpuNow(), w = wallNow()
            baseline()
            cpuB.append(cpuNow() - c); wallB.append(wallNow() - w)
            c = cpuNow(); w = wallNow()
            ours()
            cpuO.append(cpuNow() - c); wallO.append(wallNow() - w)
        }
        func median(_ x: [Double]) -> Double { x.sorted()[x.count / 2] }
        var ex = extra
        ex["clock"] = "thread_cpu"
        ex["wall_ours"] = Bench.format(median(wallO))
        ex["wall_baseline"] = Bench.format(median(wallB))
        let r = Bench.Result(suite: "exact", name: name, medianSeconds: median(cpuO), baselineName: baselineName,
                             baselineSeconds: median(cpuB), extra: ex)
        Bench.report(r)
        return r
    }

    /// Tiny deterministic generator (SplitMix64) so both sides see identical inputs.
    struct Gen {
        var s: UInt64
        mutating func next() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
    }

    // MARK: (a) rational accumulation

    static func rationalAccumulation(n: Int) {
        var ours = Rational.zero, theirs = ""
        compare(name: "rational_sum_small_1e\(Int(log10(Double(n))))", baselineName: "fmpq_add loop",
                      extra: ["n": "\(n)", "term": "((i%7)-3)/((i%5)+1)"],
                      ours: {
                          var s = Rational.zero
                          for i in 0..<n { s += Rational((i % 7) - 3, (i % 5) + 1) }
                          ours = s; blackHole(s)
                      },
                      baseline: {
                          var s = fmpq(), x = fmpq()
                          fmpq_init(&s); fmpq_init(&x)
                          withUnsafeMutablePointer(to: &s) { ps in
                              for i in 0..<n {
                                  fmpq_set_si(&x, (i % 7) - 3, UInt((i % 5) + 1))
                                  fmpq_add(ps, ps, &x)
                              }
                          }
                          let str = fmpq_get_str(nil, 10, &s)!
                          theirs = String(cString: str); flint_free(str)
                          fmpq_clear(&s); fmpq_clear(&x)
                      })
        check(ours.description == theirs, "rational sum: \(ours) vs \(theirs)")
    }

    static func bigDenominatorAccumulation(n: Int) {
        var ours = Rational.zero, theirs = ""
        compare(name: "rational_sum_bigden", baselineName: "fmpq_add loop",
                      extra: ["n": "\(n)", "term": "1/((i%100)+1)"],
                      ours: {
                          var s = Rational.zero
                          for i in 0..<n { s += Rational(1, (i % 100) + 1) }
                          ours = s; blackHole(s)
                      },
                      baseline: {
                          var s = fmpq(), x = fmpq()
                          fmpq_init(&s); fmpq_init(&x)
                          withUnsafeMutablePointer(to: &s) { ps in
                              for i in 0..<n {
                                  fmpq_set_si(&x, 1, UInt((i % 100) + 1))
                                  fmpq_add(ps, ps, &x)
                              }
                          }
                          let str = fmpq_get_str(nil, 10, &s)!
                          theirs = String(cString: str); flint_free(str)
                          fmpq_clear(&s); fmpq_clear(&x)
                      })
        check(ours.description == theirs, "big-denominator sum differs")
    }

    // MARK: (b) exact rank

    static func randomInts(_ g: inout Gen, rows: Int, cols: Int, range: ClosedRange<Int>) -> [[Int]] {
        (0..<rows).map { _ in (0..<cols).map { _ in g.int(range) } }
    }

    /// FLINT rank of an integer matrix given as rows (the fmpz_mat is built once, outside the timed region).
    static func withFmpzMat<R>(_ m: [[Int]], _ body: (UnsafeMutablePointer<fmpz_mat_struct>) -> R) -> R {
        let p = UnsafeMutablePointer<fmpz_mat_struct>.allocate(capacity: 1)
        fmpz_mat_init(p, m.count, m.first?.count ?? 0)
        defer { fmpz_mat_clear(p); p.deallocate() }
        for i in 0..<m.count { for j in 0..<m[i].count { fmpz_set_si(fmpz_mat_entry(p, i, j), m[i][j]) } }
        return body(p)
    }

    /// The consumers' hot case: thousands of ranks of tiny matrices (10×30, rank-deficient products of 10×6·6×30).
    static func smallRank(count: Int) {
        var g = Gen(s: 42)
        let mats: [[[Int]]] = (0..<64).map { k in
            if k % 2 == 0 { return randomInts(&g, rows: 10, cols: 30, range: -3...3) }
            let a = randomInts(&g, rows: 10, cols: 6, range: -2...2), b = randomInts(&g, rows: 6, cols: 30, range: -2...2)
            return (0..<10).map { i in (0..<30).map { j in (0..<6).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
        }
        let rq = mats.map { RationalMatrix(integers: $0) }
        let rz = mats.map { IntegerMatrix(integers: $0) }
        var sumOurs = 0, sumFlint = 0
        compare(name: "rank_10x30_x\(count)_rational", baselineName: "fmpz_mat_rank direct",
                      extra: ["path": "Int Bareiss fast path"],
                      ours: { var s = 0; for k in 0..<count { s += rq[k % 64].rank }; sumOurs = s; blackHole(s) },
                      baseline: {
                          var s = 0
                          withFmpzMatArray(mats) { ps in for k in 0..<count { s += fmpz_mat_rank(ps[k % 64]) } }
                          sumFlint = s; blackHole(s)
                      })
        check(sumOurs == sumFlint, "small rank sums \(sumOurs) vs \(sumFlint)")
        compare(name: "rank_10x30_x\(count)_integer", baselineName: "fmpz_mat_rank direct",
                      extra: ["path": "Int Bareiss fast path"],
                      ours: { var s = 0; for k in 0..<count { s += rz[k % 64].rank }; blackHole(s) },
                      baseline: {
                          var s = 0
                          withFmpzMatArray(mats) { ps in for k in 0..<count { s += fmpz_mat_rank(ps[k % 64]) } }
                          blackHole(s)
                      })
        // What the wrapper would cost if it always went to FLINT (conversion + fmpz_mat_rank): the alternative to
        // the Int fast path.
        compare(name: "rank_10x30_x\(count)_via_flint_conversion", baselineName: "fmpz_mat_rank direct",
                      extra: ["path": "convert to fmpz_mat + fmpz_mat_rank"],
                      ours: {
                          var s = 0
                          for k in 0..<count { s += withFmpzMatFromBig(rz[k % 64]) { fmpz_mat_rank($0) } }
                          blackHole(s)
                      },
                      baseline: {
                          var s = 0
                          withFmpzMatArray(mats) { ps in for k in 0..<count { s += fmpz_mat_rank(ps[k % 64]) } }
                          blackHole(s)
                      })
    }

    static func withFmpzMatArray<R>(_ ms: [[[Int]]], _ body: ([UnsafeMutablePointer<fmpz_mat_struct>]) -> R) -> R {
        let ps: [UnsafeMutablePointer<fmpz_mat_struct>] = ms.map { m in
            let p = UnsafeMutablePointer<fmpz_mat_struct>.allocate(capacity: 1)
            fmpz_mat_init(p, m.count, m[0].count)
            for i in 0..<m.count { for j in 0..<m[i].count { fmpz_set_si(fmpz_mat_entry(p, i, j), m[i][j]) } }
            return p
        }
        defer { for p in ps { fmpz_mat_clear(p); p.deallocate() } }
        return body(ps)
    }

    static func withFmpzMatFromBig<R>(_ m: IntegerMatrix, _ body: (UnsafeMutablePointer<fmpz_mat_struct>) -> R) -> R {
        let p = UnsafeMutablePointer<fmpz_mat_struct>.allocate(capacity: 1)
        fmpz_mat_init(p, m.rows, m.cols)
        defer { fmpz_mat_clear(p); p.deallocate() }
        for k in 0..<m.entries.count { m.entries[k].set(into: p.pointee.entries! + k) }
        return body(p)
    }

    static func rank200() {
        var g = Gen(s: 7)
        let m = randomInts(&g, rows: 200, cols: 200, range: -100...100)
        let rq = RationalMatrix(integers: m), rz = IntegerMatrix(integers: m)
        var rOurs = 0, rFlint = 0
        withFmpzMat(m) { p in
            compare(name: "rank_200x200_integer", baselineName: "fmpz_mat_rank direct",
                          extra: ["entries": "[-100,100]"],
                          ours: { rOurs = rz.rank; blackHole(rOurs) },
                          baseline: { rFlint = fmpz_mat_rank(p); blackHole(rFlint) })
            compare(name: "rank_200x200_rational", baselineName: "fmpz_mat_rank direct",
                          extra: ["entries": "[-100,100]"],
                          ours: { rOurs = rq.rank; blackHole(rOurs) },
                          baseline: { rFlint = fmpz_mat_rank(p); blackHole(rFlint) })
        }
        check(rOurs == rFlint && rOurs == 200, "rank 200: \(rOurs) vs \(rFlint)")
    }

    // MARK: (c) polynomial product

    typealias ZP = LaurentPolynomial<BigInt>

    static func polynomialProducts(quick: Bool) {
        // Sparse: two random 4-variable polynomials with 320 terms each (exponents 0…40, coefficients in ±1000):
        // 102 400 term products, ≈10^5 distinct output terms.
        var g = Gen(s: 3)
        func randomPoly(_ terms: Int, _ n: Int, _ e: ClosedRange<Int>, _ c: ClosedRange<Int>) -> ZP {
            ZP(variableCount: n, terms: (0..<terms).map { _ in
                (exponents: (0..<n).map { _ in g.int(e) }, coefficient: BigInt(g.int(c)))
            })
        }
        let a = randomPoly(320, 4, 0...40, -1000...1000), b = randomPoly(320, 4, 0...40, -1000...1000)
        productPair(name: "poly_sparse_320x320", a, b)
        // Same product with Rational coefficients (integral): the cost of the generic coefficient ring.
        let aq = a.mapCoefficients { Rational($0) }, bq = b.mapCoefficients { Rational($0) }
        var zr = ZP(variableCount: 4), qr = LaurentPolynomial<Rational>(variableCount: 4)
        compare(name: "poly_sparse_320x320_rational_vs_bigint", baselineName: "same product, BigInt coefficients",
                extra: ["kernel": "automatic"],
                ours: { qr = aq * bq; blackHole(qr) }, baseline: { zr = a * b; blackHole(zr) })
        check(qr == zr.mapCoefficients { Rational($0) }, "rational product differs")
        // Dense (Fateman): f = (1+x+y+z+t)^k, f·(f+1). k = 12: 1 820 terms each, 3.3·10^6 term products, 20 475
        // output terms; coefficients exceed 64 bits (Int128 accumulation).
        let k = quick ? 8 : 12
        let x = (0..<4).map { ZP.variable($0, of: 4) }
        let f = (ZP.one(variableCount: 4) + x[0] + x[1] + x[2] + x[3]).power(k)
        productPair(name: "poly_fateman\(k)", f, f + ZP.one(variableCount: 4))
        // Output of ~10^5 terms from 4-variable dense inputs: (1+x+y+z+t)^18 is too slow to repeat; use a
        // 6-variable sparse-dense mix: 500 × 500 terms, exponents 0…8.
        let c = randomPoly(500, 6, 0...8, -9...9), d = randomPoly(500, 6, 0...8, -9...9)
        productPair(name: "poly_mixed_500x500_6var", c, d)
    }

    /// Times ours (hash and heap kernels) against fmpz_mpoly_mul (FLINT's own algorithm choice) on the same inputs.
    static func productPair(name: String, _ a: ZP, _ b: ZP) {
        let n = a.variableCount
        let ctx = UnsafeMutablePointer<fmpz_mpoly_ctx_struct>.allocate(capacity: 1)
        fmpz_mpoly_ctx_init(ctx, n, ORD_LEX)
        let pa = makeMpoly(a, ctx), pb = makeMpoly(b, ctx)
        let pc = UnsafeMutablePointer<fmpz_mpoly_struct>.allocate(capacity: 1)
        fmpz_mpoly_init(pc, ctx)
        defer {
            for p in [pa, pb, pc] { fmpz_mpoly_clear(p, ctx); p.deallocate() }
            fmpz_mpoly_ctx_clear(ctx); ctx.deallocate()
        }
        var ours = ZP(variableCount: n)
        // `a * b` as users call it (automatic kernel choice: dense array or hash).
        compare(name: name, baselineName: "fmpz_mpoly_mul",
                      extra: ["terms_a": "\(a.termCount)", "terms_b": "\(b.termCount)", "kernel": "automatic"],
                      ours: { ours = a * b; blackHole(ours) },
                      baseline: { fmpz_mpoly_mul(pc, pa, pb, ctx) })
        let flintLen = fmpz_mpoly_length(pc, ctx)
        check(ours.termCount == flintLen, "\(name): \(ours.termCount) terms vs FLINT \(flintLen)")
        check(sameAsMpoly(ours, pc, ctx), "\(name): coefficients differ from FLINT")
        print("  \(name): product has \(ours.termCount) terms")
        compare(name: name + "_hash", baselineName: "fmpz_mpoly_mul",
                      ours: { ours = a.multiplied(b, algorithm: .hash); blackHole(ours) },
                      baseline: { fmpz_mpoly_mul(pc, pa, pb, ctx) })
        check(sameAsMpoly(ours, pc, ctx), "\(name): hash product differs from FLINT")
        compare(name: name + "_sort", baselineName: "fmpz_mpoly_mul",
                ours: { ours = a.multiplied(b, algorithm: .sort); blackHole(ours) },
                baseline: { fmpz_mpoly_mul(pc, pa, pb, ctx) })
        check(sameAsMpoly(ours, pc, ctx), "\(name): sort product differs from FLINT")
        compare(name: name + "_heap", baselineName: "fmpz_mpoly_mul",
                      ours: { ours = a.multiplied(b, algorithm: .heap); blackHole(ours) },
                      baseline: { fmpz_mpoly_mul(pc, pa, pb, ctx) })
        check(sameAsMpoly(ours, pc, ctx), "\(name): heap product differs from FLINT")
    }

    static func makeMpoly(_ p: ZP, _ ctx: UnsafeMutablePointer<fmpz_mpoly_ctx_struct>) -> UnsafeMutablePointer<fmpz_mpoly_struct> {
        let m = UnsafeMutablePointer<fmpz_mpoly_struct>.allocate(capacity: 1)
        fmpz_mpoly_init(m, ctx)
        var c: fmpz = 0
        for t in p.terms {
            var e = t.exponents.map { UInt($0) }      // the benchmark polynomials have non-negative exponents
            t.coefficient.set(into: &c)
            fmpz_mpoly_push_term_fmpz_ui(m, &c, &e, ctx)
        }
        fmpz_clear(&c)
        fmpz_mpoly_sort_terms(m, ctx)
        fmpz_mpoly_combine_like_terms(m, ctx)
        return m
    }

    /// Term-by-term comparison (FLINT's lex order lists the largest monomial first; ours the smallest).
    static func sameAsMpoly(_ p: ZP, _ m: UnsafeMutablePointer<fmpz_mpoly_struct>,
                            _ ctx: UnsafeMutablePointer<fmpz_mpoly_ctx_struct>) -> Bool {
        let len = fmpz_mpoly_length(m, ctx)
        guard len == p.termCount else { return false }
        var e = [Int](repeating: 0, count: p.variableCount)
        var c: fmpz = 0
        defer { fmpz_clear(&c) }
        for t in 0..<len {
            fmpz_mpoly_get_term_exp_si(&e, m, t, ctx)
            fmpz_mpoly_get_term_coeff_fmpz(&c, m, t, ctx)
            let ours = len - 1 - t
            if p.exponents(ofTerm: ours) != e || p.coefficient(ofTerm: ours) != BigInt(fmpz: &c) { return false }
        }
        return true
    }

    static func check(_ ok: Bool, _ message: String) {
        if !ok { FileHandle.standardError.write(Data("exact suite: MISMATCH: \(message)\n".utf8)); exit(1) }
    }
}
