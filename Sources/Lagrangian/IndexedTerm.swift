import LieGroups

/// A term with explicit index labels: what the text, LaTeX and JSON outputs print, and what a checker can read.
///
/// Labels: SU(3) a, b, c, …; SU(2) i, j, k, …; spinor α, β; flavour p, q, r, s, …. Each label appears exactly twice:
/// on two factors (an upper and a lower index: a δ), or on a factor and an ε. Labels are allocated in display order,
/// so the output reads left to right; the display order puts the two fermions first and otherwise follows δ chains
/// (H1†_i H2^i H2†_j H1^j).
public struct IndexedTerm: Hashable, Sendable {
    /// One factor with its indices.
    public struct Factor: Hashable, Sendable {
        /// Position in `Term.factors`.
        public let position: Int
        public let letter: Letter
        public let flavour: String?
        public var su3Upper: [String] = [], su3Lower: [String] = []
        public var su2Upper: [String] = [], su2Lower: [String] = []
        public var spinor: [String] = []
    }
    /// An ε tensor: its group ("SU3", "SU2", "Lorentz"), whether its indices are lower (ε_{…}), and its labels in
    /// order (ε_{12…} = +1).
    public struct Epsilon: Hashable, Sendable {
        public let group: String
        public let lowered: Bool
        public let indices: [String]
    }
    /// Factors in display order.
    public let factors: [Factor]
    public let epsilons: [Epsilon]
    /// The coupling's flavour labels, in factor order.
    public let couplingFlavour: [String]
}

extension Term {
    static let su3Labels = ["a", "b", "c", "d", "e", "f", "g", "h"]
    static let su2Labels = ["i", "j", "k", "l", "m", "n"]
    static let spinorLabels = ["α", "β"]
    static let flavourLabels = ["p", "q", "r", "s", "t", "v"]

    static func label(_ pool: [String], _ n: Int) -> String {
        n < pool.count ? pool[n] : pool[n % pool.count] + String(repeating: "′", count: n / pool.count)
    }

    /// The term with explicit labels (nil for kinetic terms).
    public func indexed(fields: [Field]) -> IndexedTerm? {
        guard let con = contraction else { return nil }
        let n = factors.count
        // Display order.
        var order: [Int] = []
        let fermions = factors.indices.filter { fields[factors[$0].field].spin == .weylFermion }
        if !fermions.isEmpty {
            order = fermions + factors.indices.filter { !fermions.contains($0) }
        } else {
            var placed = [Bool](repeating: false, count: n)
            func partners(_ t: Int) -> [Int] {
                var out: [Int] = []
                for d in con.su3.deltas + con.su2.deltas {
                    if d.lower == t { out.append(d.upper) }
                }
                for d in con.su3.deltas + con.su2.deltas {
                    if d.upper == t { out.append(d.lower) }
                }
                for e in con.su3.epsilons + con.su2.epsilons where e.contains(t) { out += e }
                return out
            }
            // Each chain starts at a conjugated factor when one is left (H†_i H^i rather than H^i H†_i).
            while let s = (0..<n).first(where: { !placed[$0] && factors[$0].isConjugated }) ?? (0..<n).first(where: { !placed[$0] }) {
                var cur = s
                while true {
                    placed[cur] = true; order.append(cur)
                    guard let next = partners(cur).first(where: { !placed[$0] }) else { break }
                    cur = next
                }
            }
        }
        // Links: each δ multiplicity unit and each ε leg is one label.
        // su3/su2: for each tensor, the queue of link ids on its upper and lower slots.
        struct Slots { var upper: [[Int]]; var lower: [[Int]] }
        func slots(_ c: SUContraction, epsBase: inout [[Int]]) -> (Slots, Int) {
            var s = Slots(upper: Array(repeating: [], count: n), lower: Array(repeating: [], count: n))
            var id = 0
            for d in c.deltas { for _ in 0..<d.multiplicity { s.upper[d.upper].append(id); s.lower[d.lower].append(id); id += 1 } }
            epsBase = []
            for e in c.epsilons {
                var legs: [Int] = []
                for t in e {
                    if c.epsilonsLowered { s.upper[t].append(id) } else { s.lower[t].append(id) }
                    legs.append(id); id += 1
                }
                epsBase.append(legs)
            }
            return (s, id)
        }
        var eps3: [[Int]] = [], eps2: [[Int]] = [], epsL: [[Int]] = []
        let (s3, n3) = slots(con.su3, epsBase: &eps3)
        let (s2, n2) = slots(con.su2, epsBase: &eps2)
        let (sl, nl) = slots(con.lorentz, epsBase: &epsL)
        var names3 = [String?](repeating: nil, count: n3), names2 = [String?](repeating: nil, count: n2)
        var namesL = [String?](repeating: nil, count: nl)
        var c3 = 0, c2 = 0, cl = 0
        func name(_ id: Int, _ table: inout [String?], _ counter: inout Int, _ pool: [String]) -> String {
            if let s = table[id] { return s }
            let s = Term.label(pool, counter); counter += 1; table[id] = s
            return s
        }
        // Flavour labels in factor order.
        var flavour = [String?](repeating: nil, count: n)
        var fc = 0
        for i in 0..<n where fields[factors[i].field].generations > 1 {
            flavour[i] = Term.label(Term.flavourLabels, fc); fc += 1
        }
        var out: [IndexedTerm.Factor] = []
        for t in order {
            var f = IndexedTerm.Factor(position: t, letter: factors[t], flavour: flavour[t])
            f.su3Upper = s3.upper[t].map { name($0, &names3, &c3, Term.su3Labels) }
            f.su3Lower = s3.lower[t].map { name($0, &names3, &c3, Term.su3Labels) }
            f.su2Upper = s2.upper[t].map { name($0, &names2, &c2, Term.su2Labels) }
            f.su2Lower = s2.lower[t].map { name($0, &names2, &c2, Term.su2Labels) }
            f.spinor = sl.upper[t].map { name($0, &namesL, &cl, Term.spinorLabels) }
            out.append(f)
        }
        var epsilons: [IndexedTerm.Epsilon] = []
        for legs in eps3 { epsilons.append(.init(group: "SU3", lowered: con.su3.epsilonsLowered, indices: legs.map { names3[$0]! })) }
        for legs in eps2 { epsilons.append(.init(group: "SU2", lowered: con.su2.epsilonsLowered, indices: legs.map { names2[$0]! })) }
        for legs in epsL { epsilons.append(.init(group: "Lorentz", lowered: con.lorentz.epsilonsLowered, indices: legs.map { namesL[$0]! })) }
        return IndexedTerm(factors: out, epsilons: epsilons, couplingFlavour: flavour.compactMap { $0 })
    }
}
