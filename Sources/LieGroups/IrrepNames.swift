import Exact

/// Physicists' names for irreps: the dimension, primes to tell irreps of equal dimension apart, `bar` for conjugates.
///
/// Convention (one rule for every algebra):
/// 1. Irreps of the same dimension are grouped into conjugation classes (a self-conjugate irrep, or a pair λ, λ*).
/// 2. Classes are ordered by Dynkin index (smallest first), ties by the representative's labels (below), and named
///    `d`, `d'`, `d''`, … in that order.
/// 3. In a conjugate pair the representative (unbarred) is the one with lexicographically larger Dynkin labels,
///    reading λ_1 first, except for D_n where λ_n is read before λ_{n−1}. So SU(3): 3 = (1,0), 3bar = (0,1),
///    6 = (2,0), 15 = (2,1), 15' = (4,0), 15bar' = (0,4); SU(5): 10 = (0,1,0,0); SO(10): 16 = (0,0,0,0,1) as in
///    Slansky and LieART; E6: 27 = (1,0,0,0,0,0). D4's three 8s are 8 = (1,0,0,0), 8' = (0,0,0,1), 8'' = (0,0,1,0).
/// 4. The conjugate of a primed irrep is written `15bar'` (`15'bar` is accepted on input).
/// When the irreps of that dimension are too many to enumerate (huge dimensions in large tensor powers) the name
/// falls back to the Dynkin labels `(a,b,…)`, which parse everywhere a name does.
extension Irrep {
    /// The physicists' name (`3`, `3bar`, `15'`, `16`, `27bar`), or the Dynkin labels when the name table of that
    /// dimension is too large to build. Cached.
    public var name: String {
        if let n = algebra.cache.withLock({ $0.names[labels] }) { return n }
        let n = Irrep.computeName(self)
        algebra.cache.withLock { $0.names[labels] = n }
        return n
    }

    static func computeName(_ r: Irrep) -> String {
        guard let table = IrrepNames.table(r.algebra, dimension: r.dimension) else { return r.description }
        return table.first { $0.0 == r.labels }?.1 ?? r.description
    }

    /// Parses a name (`3bar`, `15'`, `27`, `248`) or Dynkin labels (`(1,0)`, `[1,0]`, `1,0`) for this algebra.
    public static func parse(_ text: String, in g: SimpleLieAlgebra) throws(LieError) -> Irrep {
        let s = text.trimmingCharacters(in: " \t")
        if s.first == "(" || s.first == "[" || s.contains(",") {
            return try parseLabels(s, in: g)
        }
        // dimension digits, primes, optional bar, primes
        var digits = "", primes = 0, bar = false
        var rest = Substring(s)
        while let c = rest.first, c.isASCII, c.isNumber { digits.append(c); rest = rest.dropFirst() }
        guard !digits.isEmpty, let dim = BigInt(digits) else {
            throw LieError.unknownIrrep(s, hint: "expected a dimension name like 3, 3bar, 15' or Dynkin labels like (1,0)")
        }
        while rest.first == "'" { primes += 1; rest = rest.dropFirst() }
        if rest.lowercased().hasPrefix("bar") { bar = true; rest = rest.dropFirst(3) }
        while rest.first == "'" { primes += 1; rest = rest.dropFirst() }
        guard rest.isEmpty else {
            throw LieError.unknownIrrep(s, hint: "unexpected '\(rest)' after the dimension; names look like 3, 3bar, 15'")
        }
        let wanted = String(digits.drop(while: { $0 == "0" })) + (bar ? "bar" : "") + String(repeating: "'", count: primes)
        guard dim > 0 else { throw LieError.unknownIrrep(s, hint: "there is no irrep of dimension 0") }
        // A1 (the only rank-1 algebra) has exactly one irrep per dimension, named by it: skip building the table
        // (on a whole-process run such as `decompose SU2 "2^40"` the table's first use cost more than the answer).
        if g.rank == 1 && !bar && primes == 0, let d = dim.asInt { return Irrep(g, [d - 1]) }
        guard let table = IrrepNames.table(g, dimension: dim) else {
            throw LieError.unknownIrrep(s, hint: "dimension \(digits) is too large to look up by name in \(g.physicsName); give Dynkin labels")
        }
        if let hit = table.first(where: { $0.1 == wanted }) { return Irrep(g, hit.0) }
        if table.isEmpty {
            var near: [String] = []
            var d = dim - 1
            while d > 0 && near.isEmpty && dim - d < 1000 {
                if let t = IrrepNames.table(g, dimension: d), let n = t.first?.1 { near.append(n) }
                d -= 1
            }
            let hint = "\(g.physicsName) has no irrep of dimension \(digits)"
                + (near.isEmpty ? "" : " (the next smaller one is \(near[0]))")
            throw LieError.unknownIrrep(s, hint: hint)
        }
        throw LieError.unknownIrrep(s, hint: "\(g.physicsName) irreps of dimension \(digits) are "
                                        + table.map { "\($0.1) = \(Irrep(g, $0.0))" }.joined(separator: ", "))
    }

    /// Parses `(1,0)`, `[1,0]`, `1,0` or, for rank 1, `(3)`.
    public static func parseLabels(_ text: String, in g: SimpleLieAlgebra) throws(LieError) -> Irrep {
        var s = Substring(text.trimmingCharacters(in: " \t"))
        if (s.first == "(" && s.last == ")") || (s.first == "[" && s.last == "]") { s = s.dropFirst().dropLast() }
        let parts = s.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: " \t") }
        var labels: [Int] = []
        for p in parts {
            guard let v = Int(p) else {
                throw LieError.badLabels(text, hint: "'\(p)' is not an integer")
            }
            guard v >= 0 else {
                throw LieError.badLabels(text, hint: "label \(v) is negative; highest weights have labels ≥ 0")
            }
            guard v <= 1_000_000 else { throw LieError.badLabels(text, hint: "label \(v) is too large (max 10^6)") }
            labels.append(v)
        }
        guard labels.count == g.rank else {
            throw LieError.badLabels(text, hint: "\(g.physicsName) (\(g)) needs \(g.rank) Dynkin label\(g.rank == 1 ? "" : "s"), got \(labels.count)")
        }
        return Irrep(g, labels)
    }
}

extension Irrep {
    /// The order of `Decomposition.terms`: dimension, then Dynkin index, then labels as in the naming rule.
    public static func namingOrder(_ a: Irrep, _ b: Irrep) -> Bool {
        let da = a.dimension, db = b.dimension
        if da != db { return da < db }
        if a.labels == b.labels { return false }
        let ia = a.dynkinIndex, ib = b.dynkinIndex
        if ia != ib { return ia < ib }
        return IrrepNames.key(a.algebra, b.labels).lexicographicallyPrecedes(IrrepNames.key(a.algebra, a.labels))
    }
}

enum IrrepNames {
    /// Largest number of label prefixes visited while enumerating the irreps of one dimension. The prefix set grows
    /// with the dimension, so "too many" is a threshold in the dimension: above it names fall back to labels.
    static let searchBudget = 400

    /// (labels, name) for every irrep of dimension `d`, in naming order; nil when the irreps of that dimension are
    /// too many to enumerate (remembered as a ceiling per algebra, so large outputs pay the search once).
    static func table(_ g: SimpleLieAlgebra, dimension d: BigInt) -> [([Int], String)]? {
        let (hit, ceiling, floor) = g.cache.withLock { ($0.nameTables[d], $0.nameSearchCeiling, $0.nameSearchFloor) }
        if let t = hit { return t }
        if let c = ceiling, d >= c { return nil }
        // Whether d is within the search budget decides the label fallback (as when each dimension was searched).
        if floor == nil || d > floor! {
            guard enumerate(g, dimension: d, listing: false) != nil else {
                g.cache.withLock { c in c.nameSearchCeiling = min(c.nameSearchCeiling ?? d, d) }
                return nil
            }
            g.cache.withLock { c in c.nameSearchFloor = max(c.nameSearchFloor ?? d, d) }
        }
        let found = indexed(g, d) ?? enumerate(g, dimension: d)!
        let t = assignNames(g, found, d)
        g.cache.withLock { c in
            if c.nameTables.count > SimpleLieAlgebra.cacheLimit { c.nameTables = [:] }
            c.nameTables[d] = t
        }
        return t
    }

    /// Most irreps one name index may hold; beyond it each dimension is searched on its own.
    static let indexLimit = 200_000

    /// The irreps of dimension d from the algebra's name index, which lists every irrep of dimension ≤ D in one
    /// label search and is rebuilt with D = max(d, 2·D) when d is beyond it (so naming the thousands of irreps of a
    /// big product costs one search, not one per dimension). Nil when the index would exceed `indexLimit`.
    static func indexed(_ g: SimpleLieAlgebra, _ d: BigInt) -> [[Int]]? {
        if let idx = g.cache.withLock({ $0.nameIndex }), d <= idx.covered { return idx.byDimension[d] ?? [] }
        let covered = g.cache.withLock { $0.nameIndex?.covered } ?? .zero
        for bound in [max(d, covered * 2), d] {
            if let by = listAll(g, upTo: bound) {
                g.cache.withLock { c in
                    if (c.nameIndex?.covered ?? .zero) < bound { c.nameIndex = (bound, by) }
                }
                return by[d] ?? []
            }
        }
        return nil
    }

    /// Every irrep of dimension ≤ bound, by dimension; nil beyond `indexLimit` irreps. The dimension grows strictly
    /// with every label, so each position stops at the first value whose (prefix, x, 0, …, 0) exceeds the bound.
    static func listAll(_ g: SimpleLieAlgebra, upTo bound: BigInt) -> [BigInt: [[Int]]]? {
        var out: [BigInt: [[Int]]] = [:]
        var count = 0
        var labels = [Int](repeating: 0, count: g.rank)
        func go(_ i: Int) -> Bool {
            var x = 0
            while true {
                labels[i] = x
                let dim = Irrep.weylDimension(g, labels)
                if dim > bound { break }
                if i == g.rank - 1 {
                    count += 1
                    if count > indexLimit { return false }
                    out[dim, default: []].append(labels)
                } else if !go(i + 1) {
                    return false
                }
                x += 1
            }
            labels[i] = 0
            return true
        }
        return go(0) ? out : nil
    }

    /// The sign of dim(labels) − d, where `target` = d · Π(ρ, α): Weyl's numerator against the target, stopping as
    /// soon as the partial product passes it (every factor is ≥ 1). No division.
    @inline(__always) static func compare(_ g: SimpleLieAlgebra, _ labels: [Int], _ target: Int128) -> Int {
        var num: Int128 = 1
        for f in g.weylFactors {
            var s = 0
            for i in 0..<labels.count where f[i] != 0 { s += f[i] * (labels[i] + 1) }
            let (p, o) = num.multipliedReportingOverflow(by: Int128(s))
            if o || p > target { return 1 }
            num = p
        }
        return num == target ? 0 : -1
    }

    /// Depth-first search over labels: the dimension grows strictly with every label, so each position stops at the
    /// first value whose (prefix, x, 0, …, 0) already exceeds d, and the last label is found by bisection.
    /// Returns nil when more than `searchBudget` prefixes would be visited (monotone in d).
    /// With `listing: false` only the budget is checked (the last label is not searched) and the result is [] or nil.
    static func enumerate(_ g: SimpleLieAlgebra, dimension d: BigInt, listing: Bool = true) -> [[Int]]? {
        // Fast comparison against d·Π(ρ,α) in Int128 where that fits (classical types of moderate rank); otherwise
        // (E7, E8, high rank) the exact dimension.
        var target: Int128? = nil
        if let d128 = Int128(exactly: d), let den = g.weylDenominator128 {
            let (t, o) = d128.multipliedReportingOverflow(by: den)
            if !o { target = t }
        }
        var budget = searchBudget
        var out: [[Int]] = []
        var labels = [Int](repeating: 0, count: g.rank)
        let last = g.rank - 1
        func cmp() -> Int {
            if let t = target { return compare(g, labels, t) }
            let x = Irrep.weylDimension(g, labels)
            return x == d ? 0 : (x < d ? -1 : 1)
        }
        // Returns false when the budget ran out.
        func go(_ i: Int) -> Bool {
            if i == last {
                if !listing { return true }
                labels[i] = 0
                let c0 = cmp()
                if c0 >= 0 { if c0 == 0 { out.append(labels) }; return true }
                var lo = 0, hi = 1
                while true {
                    labels[i] = hi
                    if cmp() >= 0 { break }
                    lo = hi; hi *= 2
                }
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    labels[i] = mid
                    if cmp() >= 0 { hi = mid } else { lo = mid }
                }
                labels[i] = hi
                if cmp() == 0 { out.append(labels) }
                labels[i] = 0
                return true
            }
            var x = 0
            while true {
                labels[i] = x
                budget -= 1
                if budget < 0 { return false }
                if cmp() > 0 { break }
                if !go(i + 1) { return false }
                x += 1
            }
            labels[i] = 0
            return true
        }
        guard go(0) else { return nil }
        return out
    }

    static func key(_ g: SimpleLieAlgebra, _ l: [Int]) -> [Int] {
        if case .D(let n) = g.type {
            var k = l
            k.swapAt(n - 2, n - 1)
            return k
        }
        return l
    }

    static func assignNames(_ g: SimpleLieAlgebra, _ irreps: [[Int]], _ d: BigInt) -> [([Int], String)] {
        // Conjugation classes with their representative.
        var classes: [(rep: [Int], conj: [Int]?)] = []
        var seen = Set<[Int]>()
        for l in irreps where !seen.contains(l) {
            let c = Irrep(g, l).conjugate.labels
            seen.insert(l); seen.insert(c)
            if c == l { classes.append((l, nil)) }
            else {
                let larger = key(g, l).lexicographicallyPrecedes(key(g, c)) ? c : l
                classes.append((larger, larger == l ? c : l))
            }
        }
        let index = Dictionary(uniqueKeysWithValues: classes.map { ($0.rep, Irrep(g, $0.rep).dynkinIndex) })
        classes.sort { x, y in
            let ix = index[x.rep]!, iy = index[y.rep]!
            if ix != iy { return ix < iy }
            return key(g, y.rep).lexicographicallyPrecedes(key(g, x.rep))
        }
        var out: [([Int], String)] = []
        for (i, c) in classes.enumerated() {
            let primes = String(repeating: "'", count: i)
            out.append((c.rep, "\(d)\(primes)"))
            if let conj = c.conj { out.append((conj, "\(d)bar\(primes)")) }
        }
        return out
    }
}
