import Exact

/// Decompositions into irreps as dictionaries highest weight (Dynkin labels) → multiplicity (may be negative for
/// virtual characters, e.g. an Adams operation).
typealias Terms = [[Int]: BigInt]

/// Largest number of distinct irreps (or weights) a working character may hold before we refuse (about 2 GB).
let maximumWorkingTerms = 10_000_000

/// The operations on decompositions, dispatched once by rank to a specialised `Engine<W>`.
protocol DecompositionEngine: Sendable {
    func product(_ a: Terms, _ b: Terms) throws(LieError) -> Terms
    func power(_ v: Terms, _ n: Int) throws(LieError) -> Terms
    func singletsInPower(_ v: Terms, _ n: Int) throws(LieError) -> BigInt
    func adams(_ v: Terms, _ j: Int) throws(LieError) -> Terms
    func newtonPower(_ v: Terms, _ k: Int, alternating: Bool) throws(LieError) -> Terms
    func plethysm(_ v: Terms, _ partition: [Int]) throws(LieError) -> Terms
}

extension SimpleLieAlgebra {
    /// The engine specialised for this rank's packed weight width.
    var engine: any DecompositionEngine {
        if rank <= 8 { return Engine8(e: Engine<W8>(self)) }
        if rank <= 16 { return Engine16(e: Engine<W16>(self)) }
        return Engine64(e: Engine<W64>(self))
    }
}

// Concrete wrappers: a generic type's conformance would dispatch to unspecialised generic code, so each width gets
// a non-generic conformance whose bodies call the (then specialised) Engine<W> methods. Measured 10× on the fold.
struct Engine8: DecompositionEngine {
    let e: Engine<W8>
    func product(_ a: Terms, _ b: Terms) throws(LieError) -> Terms { try e.product(a, b) }
    func power(_ v: Terms, _ n: Int) throws(LieError) -> Terms { try e.power(v, n) }
    func singletsInPower(_ v: Terms, _ n: Int) throws(LieError) -> BigInt { try e.singletsInPower(v, n) }
    func adams(_ v: Terms, _ j: Int) throws(LieError) -> Terms { try e.adams(v, j) }
    func newtonPower(_ v: Terms, _ k: Int, alternating: Bool) throws(LieError) -> Terms {
        try e.newtonPower(v, k, alternating: alternating)
    }
    func plethysm(_ v: Terms, _ p: [Int]) throws(LieError) -> Terms { try e.plethysm(v, p) }
}

struct Engine16: DecompositionEngine {
    let e: Engine<W16>
    func product(_ a: Terms, _ b: Terms) throws(LieError) -> Terms { try e.product(a, b) }
    func power(_ v: Terms, _ n: Int) throws(LieError) -> Terms { try e.power(v, n) }
    func singletsInPower(_ v: Terms, _ n: Int) throws(LieError) -> BigInt { try e.singletsInPower(v, n) }
    func adams(_ v: Terms, _ j: Int) throws(LieError) -> Terms { try e.adams(v, j) }
    func newtonPower(_ v: Terms, _ k: Int, alternating: Bool) throws(LieError) -> Terms {
        try e.newtonPower(v, k, alternating: alternating)
    }
    func plethysm(_ v: Terms, _ p: [Int]) throws(LieError) -> Terms { try e.plethysm(v, p) }
}

struct Engine64: DecompositionEngine {
    let e: Engine<W64>
    func product(_ a: Terms, _ b: Terms) throws(LieError) -> Terms { try e.product(a, b) }
    func power(_ v: Terms, _ n: Int) throws(LieError) -> Terms { try e.power(v, n) }
    func singletsInPower(_ v: Terms, _ n: Int) throws(LieError) -> BigInt { try e.singletsInPower(v, n) }
    func adams(_ v: Terms, _ j: Int) throws(LieError) -> Terms { try e.adams(v, j) }
    func newtonPower(_ v: Terms, _ k: Int, alternating: Bool) throws(LieError) -> Terms {
        try e.newtonPower(v, k, alternating: alternating)
    }
    func plethysm(_ v: Terms, _ p: [Int]) throws(LieError) -> Terms { try e.plethysm(v, p) }
}

/// Brauer–Klimyk on packed dominant characters.
///
/// The one kernel (`apply`): for a character χ = Σ a_ν V(ν) and a weight multiset Σ m_w e^w,
/// χ ⊗ (Σ m_w e^w) = Σ_ν Σ_w a_ν m_w sign(σ) V(σ(ν + w + ρ) − ρ), where σ moves ν + w + ρ into the dominant chamber
/// and terms on a wall vanish (Klimyk's formula; Humphreys §24, exercise 9; Fulton–Harris §25.3). With the weights of
/// an irrep μ it is the tensor product V(ν) ⊗ V(μ) (Racah–Speiser); with the weights scaled by j it multiplies by the
/// Adams operation ψ^j(V(μ)) (ψ^j χ(x) = χ(x^j)), which drives Sym^k, Λ^k and plethysms via Newton's identities.
/// Cost: |χ| · |weights| reflections, never a full weight system of the product.
struct Engine<W: PackedWeight>: Sendable {
    let g: SimpleLieAlgebra
    let ch: Chamber<W>

    init(_ g: SimpleLieAlgebra) { self.g = g; ch = Chamber(g) }

    /// Above this many Brauer–Klimyk kernel steps (distinct weights of the smaller factor × irreps of the larger ×
    /// `costFactor`, ~0.2 s), irrep ⊗ irrep uses `tensorByCandidates`. Measured: D5 (3,2,1,2,2) ⊗ (2,2,2,1,3) has
    /// 226,713 distinct weights in the smaller factor; Brauer–Klimyk on packed orbits: 44 ms for the whole process; the
    /// candidate sum 5.8 s (its Weyl-orbit walks grow with |W|, 1920 for D5).
    static var candidateThreshold: Int { 4_000_000 }

    // MARK: Conversions

    func pack<C: KernelScalar>(_ t: Terms, as: C.Type) -> [W: C]? {
        var r = [W: C](minimumCapacity: t.count)
        for (k, v) in t {
            guard let c = C(exactly: v) else { return nil }
            r[ch.pack(k)] = c
        }
        return r
    }

    func unpack<C: KernelScalar>(_ t: [W: C]) -> Terms {
        var r = Terms(minimumCapacity: t.count)
        for (k, v) in t where !v.isZero { r[ch.unpack(k)] = v.bigInt }
        return r
    }

    /// The merged weight multiset of a decomposition: each irrep's dominant weights (Freudenthal) expanded over their
    /// Weyl orbits directly in packed form (`Chamber.forEachInOrbit`: no [Int] per weight, no visited set).
    /// Throws `tooLarge` above `Irrep.maximumExpandedWeights` distinct weights per irrep.
    func weights(of t: Terms) throws(LieError) -> [W: BigInt] {
        var r: [W: BigInt] = [:]
        for (labels, a) in t {
            let dw = try expandable(labels)
            for (w, m) in zip(dw.weights, dw.multiplicities) {
                let c = a * BigInt(m)
                ch.forEachInOrbit(ch.pack(w)) { x in r[x, default: .zero] += c }
            }
        }
        return r.filter { !$0.value.isZero }
    }

    /// The dominant character of V(labels), after checking its weight system may be expanded.
    func expandable(_ labels: [Int]) throws(LieError) -> DominantWeights {
        let irrep = Irrep(g, labels)
        let count = try irrep.distinctWeightCount()
        guard count <= Irrep.maximumExpandedWeights else {
            throw LieError.tooLarge("the weight system of \(g)\(irrep) has \(count) distinct weights > \(Irrep.maximumExpandedWeights)")
        }
        return try irrep.dominantWeightsChecked()
    }

    /// The weights of one irrep times `a`, as a kernel list (orbits are disjoint: no merging dictionary). This is
    /// LiE's tensor algorithm: Brauer–Klimyk over the dominant weights of the smaller factor and their orbits.
    func weightList<C: KernelScalar>(of labels: [Int], times a: BigInt, as: C.Type) throws(LieError) -> [(W, C)]? {
        let dw = try expandable(labels)
        var out: [(W, C)] = []
        out.reserveCapacity(Int(try Irrep(g, labels).distinctWeightCount().asInt ?? 0))
        for (w, m) in zip(dw.weights, dw.multiplicities) {
            guard let c = C(exactly: a * BigInt(m)) else { return nil }
            ch.forEachInOrbit(ch.pack(w)) { x in out.append((x, c)) }
        }
        return out
    }

    /// Σ over the irreps of |multiplicity| × dimension: the size of the weight multiset (used to pick the smaller
    /// factor of a product for expansion).
    func weightCount(_ t: Terms) -> BigInt {
        t.reduce(BigInt.zero) { $0 + $1.value.magnitude * Irrep(g, $1.key).dimension }
    }

    func list<C: KernelScalar>(_ w: [W: BigInt], as: C.Type) -> [(W, C)]? {
        var r: [(W, C)] = []
        r.reserveCapacity(w.count)
        for (k, v) in w {
            guard let c = C(exactly: v) else { return nil }
            r.append((k, c))
        }
        return r
    }

    // MARK: The kernel

    /// out += factor · χ ⊗ ψ^scale(weights). Sets `overflow` when a coefficient leaves C's range.
    func apply<C: KernelScalar>(_ chi: [W: C], _ weights: [(W, C)], scale: Int32, factor: C,
                                into out: inout [W: C], overflow: inout Bool) {
        var scaled: [(W, C)] = []
        scaled.reserveCapacity(weights.count)
        for (w, m) in weights { scaled.append((scale == 1 ? w : w.scaled(scale), m.times(factor, &overflow))) }
        let rho = ch.rho
        // Accumulate in a PackedTable (no SipHash per step), then merge into `out` once per distinct result.
        var acc = PackedTable<W, C>(minimumCapacity: max(16, chi.count * 2))
        for (nu, a) in chi {
            let base = nu &+ rho
            for (w, m) in scaled {
                var x = base &+ w
                let s = ch.reflectToDominant(&x)
                if s == 0 { continue }
                var c = a.times(m, &overflow)
                if s < 0 { c = c.negated(&overflow) }
                let e = acc.findOrInsert(x &- rho, .zero)
                acc.values[e].add(c, &overflow)
            }
        }
        out.reserveCapacity(out.count + acc.count)
        for (k, c) in zip(acc.keys, acc.values) { out[k, default: .zero].add(c, &overflow) }
    }

    /// Largest number of kernel steps (irreps × weights) one fold step may take (a few seconds for E8, whose
    /// reflections are the longest; far less for small ranks).
    static var maximumStepWork: Int { 60_000_000 }

    /// Largest total kernel work of one fold (all steps).
    static var maximumTotalWork: Int { 300_000_000 }

    /// Reflections into the chamber get longer with the number of positive roots (E8: ~1 µs per kernel step).
    var costFactor: Int { max(1, g.positiveRootCount / 8) }

    func checkWork(_ terms: Int, _ weights: Int, _ what: @autoclosure () -> String, total: inout Int) throws(LieError) {
        let (w, o) = terms.multipliedReportingOverflow(by: weights * costFactor)
        total = o ? Int.max : total &+ w
        if total < 0 || total > Engine.maximumTotalWork {
            throw LieError.tooLarge("\(what()) would take more than \(Engine.maximumTotalWork) Brauer–Klimyk steps in \(g)")
        }
        try checkWork(terms, weights, what())
    }

    func checkWork(_ terms: Int, _ weights: Int, _ what: @autoclosure () -> String) throws(LieError) {
        let (w, o) = terms.multipliedReportingOverflow(by: weights * costFactor)
        if o || w > Engine.maximumStepWork {
            throw LieError.tooLarge("\(what()) would take more than \(Engine.maximumStepWork) Brauer–Klimyk steps in \(g)")
        }
    }

    func checkSize(_ n: Int, _ what: @autoclosure () -> String) throws(LieError) {
        if n > maximumWorkingTerms {
            throw LieError.tooLarge("\(what()) needs more than \(maximumWorkingTerms) distinct irreps in \(g)")
        }
    }

    func prune<C: KernelScalar>(_ t: inout [W: C]) {
        if t.values.contains(where: { $0.isZero }) { t = t.filter { !$0.value.isZero } }
    }

    // MARK: Products

    func product(_ a: Terms, _ b: Terms) throws(LieError) -> Terms {
        if a.isEmpty || b.isEmpty { return [:] }
        // Expand the factor with fewer weights; run the other over it.
        let (small, large) = weightCount(a) <= weightCount(b) ? (a, b) : (b, a)
        // Two big irreps with a small product: Racah–Speiser over candidates instead of a huge weight list, when
        // Brauer–Klimyk over the weights of the smaller one would take more than `candidateThreshold` kernel steps.
        if small.count <= 4 && large.count <= 4 {
            var distinct = BigInt.zero
            for (l, _) in small { distinct += try Irrep(g, l).distinctWeightCount() }
            let steps = distinct * BigInt(large.count * costFactor)
            if steps > BigInt(Engine.candidateThreshold) || distinct > Irrep.maximumExpandedWeights {
                var out = Terms()
                for (l, x) in small {
                    for (m, y) in large {
                        for (k, c) in try g.tensorByCandidates(l, m) { out[k, default: .zero] += x * y * c }
                    }
                }
                return out.filter { !$0.value.isZero }
            }
        }
        if small.count == 1, let first = small.first,
           let list = try weightList(of: first.key, times: first.value, as: Int128.self) {
            try checkWork(large.count, list.count, "the product")
            if let chi = pack(large, as: Int128.self) {
                var out: [W: Int128] = [:]
                var overflow = false
                apply(chi, list, scale: 1, factor: 1, into: &out, overflow: &overflow)
                if !overflow { return unpack(out) }
            }
        }
        let ws = try weights(of: small)
        try checkWork(large.count, ws.count, "the product")
        if let r = productAs(Int128.self, ws, large) { return r }
        return productAs(BigInt.self, ws, large)!
    }

    private func productAs<C: KernelScalar>(_: C.Type, _ ws: [W: BigInt], _ large: Terms) -> Terms? {
        guard let list = list(ws, as: C.self), let chi = pack(large, as: C.self) else { return nil }
        var out: [W: C] = [:]
        var overflow = false
        apply(chi, list, scale: 1, factor: C(1), into: &out, overflow: &overflow)
        return overflow ? nil : unpack(out)
    }

    /// V^⊗n folded left to right on dominant characters, Int128 until a step overflows, then BigInt.
    func power(_ v: Terms, _ n: Int) throws(LieError) -> Terms {
        precondition(n >= 0)
        var states: [Terms] = []
        try fold(v, n) { (_: Int, t: Terms) in states.append(t) } keepEvery: { $0 == n }
        return states.last ?? [Array(repeating: 0, count: g.rank): 1]
    }

    /// Singlets in V^⊗n by meeting in the middle: ⟨V^⊗a, (V^⊗b)*⟩ with a + b = n, a ≥ b, so only half the fold
    /// is run: mult(1 ⊂ A ⊗ B) = Σ_ν A_ν B_{ν*}.
    func singletsInPower(_ v: Terms, _ n: Int) throws(LieError) -> BigInt {
        if n == 0 { return 1 }
        let b = n / 2, a = n - b
        var half: Terms = [Array(repeating: 0, count: g.rank): 1]
        var full: Terms = half
        try fold(v, a) { (k: Int, t: Terms) in
            if k == b { half = t }
            if k == a { full = t }
        } keepEvery: { $0 == b || $0 == a }
        return pairing(full, half)
    }

    /// Σ_ν A_ν B_{ν*}: the number of singlets in A ⊗ B.
    func pairing(_ a: Terms, _ b: Terms) -> BigInt {
        var s = BigInt.zero
        for (nu, m) in a {
            let dual = g.dominantRepresentative(nu.map { -$0 }).weight
            if let n = b[dual] { s += m * n }
        }
        return s
    }

    /// Runs the fold V, V⊗V, …, V^⊗n and reports the states for which `keep(k)` holds.
    private func fold(_ v: Terms, _ n: Int, report: (Int, Terms) -> Void, keepEvery keep: (Int) -> Bool)
        throws(LieError) {
        guard n >= 1 else { return }
        let ws = try weights(of: v)
        if keep(1) { report(1, v) }
        var k = 1
        // Phase 1: Int128.
        if let list = list(ws, as: Int128.self), var state = pack(v, as: Int128.self) {
            var total = 0
            while k < n {
                try checkWork(state.count, list.count, "the tensor power \(k + 1)", total: &total)
                var out: [W: Int128] = [:]
                out.reserveCapacity(state.count * 2)
                var overflow = false
                apply(state, list, scale: 1, factor: 1, into: &out, overflow: &overflow)
                if overflow { break }
                prune(&out)
                try checkSize(out.count, "the tensor power \(k + 1)")
                state = out
                k += 1
                if keep(k) { report(k, unpack(state)) }
            }
            if k == n { return }
            // Continue below from the last good state.
            var bstate: [W: BigInt] = [:]
            for (x, c) in state { bstate[x] = c.bigInt }
            try foldBig(bstate, ws, from: k, to: n, report: report, keep: keep)
            return
        }
        try foldBig(pack(v, as: BigInt.self)!, ws, from: 1, to: n, report: report, keep: keep)
    }

    private func foldBig(_ start: [W: BigInt], _ ws: [W: BigInt], from: Int, to n: Int,
                         report: (Int, Terms) -> Void, keep: (Int) -> Bool) throws(LieError) {
        let list = list(ws, as: BigInt.self)!
        var state = start
        var k = from
        var overflow = false
        var total = 0
        while k < n {
            try checkWork(state.count, list.count, "the tensor power \(k + 1)", total: &total)
            var out: [W: BigInt] = [:]
            apply(state, list, scale: 1, factor: 1, into: &out, overflow: &overflow)
            prune(&out)
            try checkSize(out.count, "the tensor power \(k + 1)")
            state = out
            k += 1
            if keep(k) { report(k, unpack(state)) }
        }
    }

    // MARK: Adams operations and plethysms

    func adams(_ v: Terms, _ j: Int) throws(LieError) -> Terms {
        precondition(j >= 1)
        let ws = try weights(of: v)
        let one = [Array(repeating: 0, count: g.rank): BigInt(1)]
        for attempt in 0..<2 {
            if attempt == 0, let r = adamsAs(Int128.self, ws, j, one) { return r }
            if attempt == 1 { return adamsAs(BigInt.self, ws, j, one)! }
        }
        fatalError("unreachable")
    }

    private func adamsAs<C: KernelScalar>(_: C.Type, _ ws: [W: BigInt], _ j: Int, _ one: Terms) -> Terms? {
        guard let list = list(ws, as: C.self), let chi = pack(one, as: C.self) else { return nil }
        var out: [W: C] = [:]
        var overflow = false
        apply(chi, list, scale: Int32(j), factor: C(1), into: &out, overflow: &overflow)
        return overflow ? nil : unpack(out)
    }

    /// Sym^k (or Λ^k) by Newton's identities k·S^k = Σ_{j=1..k} ψ^j(V)·S^{k−j} and
    /// k·Λ^k = Σ_{j=1..k} (−1)^{j−1} ψ^j(V)·Λ^{k−j} (Macdonald, *Symmetric Functions*, I.2).
    func newtonPower(_ v: Terms, _ k: Int, alternating: Bool) throws(LieError) -> Terms {
        precondition(k >= 0)
        let one: Terms = [Array(repeating: 0, count: g.rank): 1]
        if k == 0 { return one }
        let ws = try weights(of: v)
        if let r = try newtonAs(Int128.self, ws, k, alternating) { return r }
        return try newtonAs(BigInt.self, ws, k, alternating)!
    }

    private func newtonAs<C: KernelScalar>(_: C.Type, _ ws: [W: BigInt], _ k: Int, _ alternating: Bool)
        throws(LieError) -> Terms? {
        guard let list = list(ws, as: C.self) else { return nil }
        var zero = W()
        for i in 0..<W.capacity { zero[i] = 0 }
        var s: [[W: C]] = [[zero: C(1)]]
        var overflow = false
        for m in 1...k {
            var acc: [W: C] = [:]
            for j in 1...m {
                try checkWork(s[m - j].count, list.count, "Sym/Alt power \(m)")
                let sign = alternating && j % 2 == 0 ? C(-1) : C(1)
                apply(s[m - j], list, scale: Int32(j), factor: sign, into: &acc, overflow: &overflow)
                if overflow { return nil }
            }
            prune(&acc)
            try checkSize(acc.count, "Sym/Alt power \(m)")
            var div: [W: C] = [:]
            div.reserveCapacity(acc.count)
            for (x, c) in acc { div[x] = c.divided(by: m) }
            s.append(div)
        }
        return unpack(s[k])
    }

    /// The plethysm S_λ(V) = Σ_{ρ ⊢ k} χ^λ(ρ)/z_ρ · Π_i ψ^{ρ_i}(V) (Macdonald I.7; χ^λ by Murnaghan–Nakayama).
    /// Power sums are built along a tree of partition prefixes so shared prefixes are multiplied once.
    func plethysm(_ v: Terms, _ partition: [Int]) throws(LieError) -> Terms {
        let k = partition.reduce(0, +)
        let one: Terms = [Array(repeating: 0, count: g.rank): 1]
        if k == 0 { return one }
        let ws = try weights(of: v)
        if let r = try plethysmAs(Int128.self, ws, partition) { return r }
        return try plethysmAs(BigInt.self, ws, partition)!
    }

    private func plethysmAs<C: KernelScalar>(_: C.Type, _ ws: [W: BigInt], _ lambda: [Int]) throws(LieError) -> Terms? {
        guard let list = list(ws, as: C.self) else { return nil }
        let k = lambda.reduce(0, +)
        let kFactorial = BigInt.factorial(k)
        var total: [W: C] = [:]
        var overflow = false
        var zero = W()
        for i in 0..<W.capacity { zero[i] = 0 }
        // Depth-first over partitions ρ of k with non-increasing parts; `state` = Π ψ^{ρ_i}(V) so far.
        var failure: LieError? = nil
        func visit(_ state: [W: C], _ parts: [Int], _ remaining: Int, _ maxPart: Int) {
            if overflow || failure != nil { return }
            if remaining == 0 {
                let chi = SymmetricGroup.character(lambda, parts)
                if chi == 0 { return }
                let coefficient = BigInt(chi) * kFactorial.dividedExactly(by: SymmetricGroup.centralizerOrder(parts))
                guard let c = C(exactly: coefficient) else { overflow = true; return }
                for (x, a) in state { total[x, default: .zero].add(a.times(c, &overflow), &overflow) }
                return
            }
            for p in stride(from: min(maxPart, remaining), through: 1, by: -1) {
                var next: [W: C] = [:]
                apply(state, list, scale: Int32(p), factor: C(1), into: &next, overflow: &overflow)
                prune(&next)
                if next.count > maximumWorkingTerms {
                    failure = .tooLarge("the plethysm \(lambda) needs more than \(maximumWorkingTerms) irreps"); return
                }
                visit(next, parts + [p], remaining - p, p)
            }
        }
        visit([zero: C(1)], [], k, k)
        if let failure { throw failure }
        if overflow { return nil }
        prune(&total)
        var r = Terms(minimumCapacity: total.count)
        for (x, c) in total { r[ch.unpack(x)] = c.bigInt.dividedExactly(by: kFactorial) }
        return r
    }
}
