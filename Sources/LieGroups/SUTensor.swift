/// SU(N) tensor-index machinery: irreps as tensors, and their invariant contractions with δ and ε.
///
/// Conventions (stated once for the SUTensor files):
/// - An irrep is a tensor T^{i1…ip}_{j1…jq} with `p` symmetrised upper (fundamental) and `q` symmetrised lower
///   (antifundamental) indices, traceless. For SU(3) this is every irrep, Dynkin labels (p, q); for SU(2) a field in
///   the irrep of Dynkin label p is a tensor with p upper indices, its conjugate one with p lower indices.
/// - An invariant of T_1 ⊗ … ⊗ T_K is written as a product of δ's (an upper index of one tensor contracted with a
///   lower index of another) and ε's (N upper indices of N different tensors contracted with ε_{i1…iN}, or N lower
///   ones with ε^{i1…iN}), with ε_{12…N} = ε^{12…N} = +1. Tracelessness kills δ's within one tensor, symmetry kills
///   an ε with two indices on the same tensor, and ε_{…}ε^{…} is a sum of products of δ's, so a spanning family only
///   uses ε's of one kind, exactly (U − L)/N of them where U, L count upper and lower indices (first fundamental
///   theorem of invariant theory for SL(N); Weyl, *The Classical Groups*, ch. II).
/// - Because the indices of one tensor are symmetric, a contraction is fixed by *which tensors* each δ and ε joins:
///   `SUContraction` stores exactly that, so two different values are two different candidate invariants.

/// The index content of one tensor: `upper` symmetrised upper indices and `lower` symmetrised lower ones.
public struct SUTensorShape: Hashable, Sendable, CustomStringConvertible {
    public let upper: Int
    public let lower: Int
    public init(upper: Int, lower: Int) {
        precondition(upper >= 0 && lower >= 0, "index counts must be non-negative; got \(upper), \(lower)")
        self.upper = upper; self.lower = lower
    }
    /// The conjugate tensor: upper and lower exchanged.
    public var conjugate: SUTensorShape { SUTensorShape(upper: lower, lower: upper) }
    public var description: String { "T^\(upper)_\(lower)" }
}

/// One δ^{i}_{j} joining `multiplicity` upper indices of tensor `upper` to lower indices of tensor `lower`.
public struct SUDelta: Hashable, Sendable, Comparable {
    public let upper: Int
    public let lower: Int
    public let multiplicity: Int
    public init(upper: Int, lower: Int, multiplicity: Int) {
        self.upper = upper; self.lower = lower; self.multiplicity = multiplicity
    }
    public static func < (a: SUDelta, b: SUDelta) -> Bool {
        (a.upper, a.lower, a.multiplicity) < (b.upper, b.lower, b.multiplicity)
    }
}

/// A candidate invariant of SU(N) on a list of tensors: δ's and ε's of one kind, described by the tensors they join.
///
/// Tensor positions are indices into the shape list the contraction was enumerated for.
public struct SUContraction: Hashable, Sendable, CustomStringConvertible {
    /// N of SU(N).
    public let n: Int
    /// The δ's, sorted, each pair of tensors at most once (with a multiplicity).
    public let deltas: [SUDelta]
    /// The ε's: each lists N distinct tensor positions in increasing order; the list is sorted and may repeat.
    public let epsilons: [[Int]]
    /// true: the ε's carry lower indices ε_{i1…iN} and contract upper indices of the tensors; false: ε^{i1…iN}.
    public let epsilonsLowered: Bool

    public init(n: Int, deltas: [SUDelta], epsilons: [[Int]], epsilonsLowered: Bool) {
        precondition(epsilons.allSatisfy { $0.count == n && zip($0, $0.dropFirst()).allSatisfy { $0 < $1 } },
                     "each ε must join \(n) distinct tensors in increasing order; got \(epsilons)")
        self.n = n; self.deltas = deltas.sorted(); self.epsilons = epsilons.sorted { $0.lexicographicallyPrecedes($1) }
        self.epsilonsLowered = epsilons.isEmpty ? true : epsilonsLowered
    }

    /// The empty contraction (the invariant 1 of no tensors, or of singlets).
    public static func trivial(n: Int) -> SUContraction {
        SUContraction(n: n, deltas: [], epsilons: [], epsilonsLowered: true)
    }

    /// The complex conjugate contraction, for the conjugate tensors: every δ reversed, ε_{…} ↔ ε^{…}.
    /// An involution.
    public var conjugate: SUContraction {
        SUContraction(n: n, deltas: deltas.map { SUDelta(upper: $0.lower, lower: $0.upper, multiplicity: $0.multiplicity) },
                      epsilons: epsilons, epsilonsLowered: epsilons.isEmpty ? true : !epsilonsLowered)
    }

    /// The same contraction with tensor positions renamed by `map` (position t becomes map[t]). ε legs are re-sorted,
    /// which changes the sign of the invariant by the parity of the sorting permutation: `sign` reports the product.
    public func relabelled(_ map: [Int]) -> (contraction: SUContraction, sign: Int) {
        var sign = 1
        let eps: [[Int]] = epsilons.map { legs in
            var l = legs.map { map[$0] }
            // insertion sort, counting transpositions
            for i in 1..<max(1, l.count) {
                var j = i
                while j > 0 && l[j - 1] > l[j] { l.swapAt(j - 1, j); sign = -sign; j -= 1 }
            }
            return l
        }
        let ds = deltas.map { SUDelta(upper: map[$0.upper], lower: map[$0.lower], multiplicity: $0.multiplicity) }
        return (SUContraction(n: n, deltas: ds, epsilons: eps, epsilonsLowered: epsilonsLowered), sign)
    }

    /// How many indices of each kind the contraction uses on tensor `t`.
    public func indexCount(on t: Int) -> (upper: Int, lower: Int) {
        var u = 0, l = 0
        for d in deltas { if d.upper == t { u += d.multiplicity }; if d.lower == t { l += d.multiplicity } }
        for e in epsilons where e.contains(t) { if epsilonsLowered { u += 1 } else { l += 1 } }
        return (u, l)
    }

    public var description: String {
        var parts: [String] = deltas.map { "δ(\($0.upper)→\($0.lower))" + ($0.multiplicity > 1 ? "^\($0.multiplicity)" : "") }
        parts += epsilons.map { (epsilonsLowered ? "ε_" : "ε^") + "(" + $0.map(String.init).joined(separator: ",") + ")" }
        return parts.isEmpty ? "1" : parts.joined(separator: " ")
    }

    /// Every candidate invariant of SU(`n`) on tensors of the given shapes, in a fixed canonical order: ε multisets in
    /// lexicographic order, then δ patterns with the most weight on the earliest (upper, lower) pair first (so the
    /// first candidate of H†H H†H is (H†H)(H†H)).
    ///
    /// The family spans the invariants of the tensor product (see the file comment); it is not independent in
    /// general. Empty when (U − L) is not a multiple of N.
    /// Complexity: the number of candidates (small at mass dimension ≤ 4: at most a few hundred).
    public static func all(n: Int, shapes: [SUTensorShape]) -> [SUContraction] {
        precondition(n >= 2, "SU(N) needs N ≥ 2")
        let u = shapes.reduce(0) { $0 + $1.upper }, l = shapes.reduce(0) { $0 + $1.lower }
        let diff = u - l
        guard diff % n == 0 else { return [] }
        let k = abs(diff) / n
        let lowered = diff >= 0
        let capacity = shapes.map { lowered ? $0.upper : $0.lower }
        let eligible = capacity.indices.filter { capacity[$0] > 0 }
        let subsets = k == 0 ? [] : combinations(eligible, n)
        var out: [SUContraction] = []
        var used = [Int](repeating: 0, count: shapes.count)
        var chosen: [[Int]] = []

        func finish() {
            let rows = shapes.indices.map { shapes[$0].upper - (lowered ? used[$0] : 0) }
            let cols = shapes.indices.map { shapes[$0].lower - (lowered ? 0 : used[$0]) }
            for ds in deltaPatterns(rows: rows, cols: cols) {
                out.append(SUContraction(n: n, deltas: ds, epsilons: chosen, epsilonsLowered: lowered))
            }
        }
        func chooseEpsilons(from start: Int, remaining: Int) {
            if remaining == 0 { finish(); return }
            guard start < subsets.count else { return }
            for s in start..<subsets.count {
                let legs = subsets[s]
                if legs.contains(where: { used[$0] >= capacity[$0] }) { continue }
                for t in legs { used[t] += 1 }
                chosen.append(legs)
                chooseEpsilons(from: s, remaining: remaining - 1)
                chosen.removeLast()
                for t in legs { used[t] -= 1 }
            }
        }
        chooseEpsilons(from: 0, remaining: k)
        return out
    }

    /// All non-negative integer matrices D with zero diagonal, row sums `rows` and column sums `cols`, as δ lists.
    /// Order: row by row, each row giving as much as possible to the earliest column first.
    static func deltaPatterns(rows: [Int], cols: [Int]) -> [[SUDelta]] {
        let t = rows.count
        guard rows.reduce(0, +) == cols.reduce(0, +) else { return [] }
        var out: [[SUDelta]] = []
        var colLeft = cols
        var current: [SUDelta] = []
        // Remaining lower capacity on columns other than a, to prune rows that cannot be filled.
        func fillRow(_ a: Int, column b: Int, left: Int) {
            if a == t { out.append(current); return }
            if left == 0 {
                // Row a done; prune: every later row must still fit in the columns it may use.
                fillRow(a + 1, column: 0, left: a + 1 < t ? rows[a + 1] : 0)
                return
            }
            if b == t { return }
            if b == a { fillRow(a, column: b + 1, left: left); return }
            let maxHere = min(left, colLeft[b])
            var m = maxHere
            while m >= 0 {
                if m > 0 {
                    colLeft[b] -= m
                    current.append(SUDelta(upper: a, lower: b, multiplicity: m))
                    fillRow(a, column: b + 1, left: left - m)
                    current.removeLast()
                    colLeft[b] += m
                } else {
                    fillRow(a, column: b + 1, left: left)
                }
                m -= 1
            }
        }
        if t == 0 { return [[]] }
        fillRow(0, column: 0, left: rows[0])
        return out
    }
}

/// The k-element subsets of `items` (kept in order), in lexicographic order.
func combinations(_ items: [Int], _ k: Int) -> [[Int]] {
    if k == 0 { return [[]] }
    if items.count < k { return [] }
    var out: [[Int]] = []
    var cur: [Int] = []
    func go(_ start: Int) {
        if cur.count == k { out.append(cur); return }
        if start >= items.count { return }
        for i in start..<items.count where items.count - i >= k - cur.count {
            cur.append(items[i]); go(i + 1); cur.removeLast()
        }
    }
    go(0)
    return out
}
