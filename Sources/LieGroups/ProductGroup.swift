import Exact

/// One factor of a product group: a simple Lie algebra or a U(1), each with a display name (`SU3c`, `SU2L`, `U1Y`).
public enum GaugeFactor: Hashable, Sendable, CustomStringConvertible {
    case simple(SimpleLieAlgebra, name: String)
    case u1(name: String)

    public var description: String {
        switch self { case .simple(_, let n), .u1(let n): return n }
    }

    public var algebra: SimpleLieAlgebra? {
        if case .simple(let g, _) = self { return g }
        return nil
    }
}

/// A product G1 × … × Gn of simple groups and U(1)s. Representations are `ProductIrrep`s: one irrep per simple
/// factor and one exact rational charge per U(1).
///
///     let g = ProductGroup.standardModel             // SU3c × SU2L × U1Y
///     let h = try g.irrep(["1", "2"], charges: [Rational(1, 2)])   // the Higgs (1, 2, 1/2)
///     let full = ProductGroup.lorentz * g            // SU2l × SU2r × SU3c × SU2L × U1Y (spin first)
public struct ProductGroup: Hashable, Sendable, CustomStringConvertible {
    public let factors: [GaugeFactor]
    /// The simple factors' algebras, in order (the order of `ProductIrrep.irreps`).
    public let simpleFactors: [SimpleLieAlgebra]
    /// Where each simple factor's labels start in `ProductIrrep.labels`.
    let offsets: [Int]
    /// Number of U(1) factors (the length of `ProductIrrep.charges`).
    public let u1Count: Int

    public init(_ factors: [GaugeFactor]) {
        self.factors = factors
        simpleFactors = factors.compactMap(\.algebra)
        var o: [Int] = [], n = 0
        for g in simpleFactors { o.append(n); n += g.rank }
        offsets = o + [n]
        u1Count = factors.count - simpleFactors.count
    }

    public var description: String { factors.isEmpty ? "1" : factors.map(\.description).joined(separator: " × ") }

    /// The total number of Dynkin labels (Σ ranks of the simple factors).
    public var labelCount: Int { offsets.last! }

    /// The direct product (factors of `a` first).
    public static func * (a: ProductGroup, b: ProductGroup) -> ProductGroup { ProductGroup(a.factors + b.factors) }

    /// SU(3)_c × SU(2)_L × U(1)_Y, hypercharge normalised Q = T3 + Y.
    public static let standardModel = ProductGroup([
        .simple(.get(.A(2)), name: "SU3c"), .simple(.get(.A(1)), name: "SU2L"), .u1(name: "U1Y"),
    ])

    /// The Lorentz group as SU(2)_l × SU(2)_r (spin labels (2j_l), (2j_r)): a left-handed Weyl spinor is
    /// (1/2, 0) = labels (1), (0); a vector (1/2, 1/2); a field strength F_L (1, 0).
    public static let lorentz = ProductGroup([.simple(.get(.A(1)), name: "SU2l"), .simple(.get(.A(1)), name: "SU2r")])

    /// Parses `SU3 x SU2 x U1`, `SU(5)`, `E6 × U1` (factors separated by `x`, `×` or `*`).
    public static func parse(_ text: String) throws(LieError) -> ProductGroup {
        var factors: [GaugeFactor] = []
        let tokens = text.replacingOccurrences(of: "×", with: " x ").replacingOccurrences(of: "*", with: " x ")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var expectFactor = true
        for t in tokens {
            if t.lowercased() == "x" {
                guard !expectFactor else { throw LieError.malformedExpression(token: t, hint: "a group name is missing") }
                expectFactor = true; continue
            }
            guard expectFactor else { throw LieError.malformedExpression(token: t, hint: "separate factors with 'x'") }
            let u = String(t.uppercased().filter { $0 != "(" && $0 != ")" })
            if u == "U1" { factors.append(.u1(name: "U1")) }
            else { factors.append(.simple(try SimpleLieAlgebra.parse(t), name: t)) }
            expectFactor = false
        }
        guard !factors.isEmpty, !expectFactor else {
            throw LieError.malformedExpression(token: text, hint: "expected groups like 'SU3 x SU2 x U1'")
        }
        return ProductGroup(factors)
    }

    /// The trivial representation.
    public var trivial: ProductIrrep {
        ProductIrrep(labels: [Int](repeating: 0, count: labelCount), charges: [Rational](repeating: .zero, count: u1Count))
    }

    /// A representation from one irrep per simple factor and one charge per U(1).
    /// Precondition: counts and algebras match the factors (this is for code; `irrep(_:charges:)` parses names).
    public func irrep(_ irreps: [Irrep], charges: [Rational] = []) -> ProductIrrep {
        precondition(irreps.count == simpleFactors.count, "\(self) needs \(simpleFactors.count) irreps, got \(irreps.count)")
        precondition(charges.count == u1Count, "\(self) needs \(u1Count) U(1) charges, got \(charges.count)")
        for (r, g) in zip(irreps, simpleFactors) { precondition(r.algebra == g, "irrep \(r) is not an irrep of \(g)") }
        return ProductIrrep(labels: irreps.flatMap(\.labels), charges: charges)
    }

    /// A representation from names or Dynkin labels per simple factor (`["3", "2"]`, `["(1,0)", "1"]`).
    public func irrep(_ names: [String], charges: [Rational] = []) throws(LieError) -> ProductIrrep {
        guard names.count == simpleFactors.count else {
            throw LieError.unknownIrrep(names.joined(separator: ","), hint: "\(self) needs \(simpleFactors.count) irreps")
        }
        guard charges.count == u1Count else {
            throw LieError.unknownIrrep(names.joined(separator: ","), hint: "\(self) needs \(u1Count) U(1) charges")
        }
        var irreps: [Irrep] = []
        for (n, g) in zip(names, simpleFactors) { irreps.append(try Irrep.parse(n, in: g)) }
        return irrep(irreps, charges: charges)
    }

    /// The irreps of the simple factors of `r`.
    public func irreps(of r: ProductIrrep) -> [Irrep] {
        simpleFactors.enumerated().map { i, g in Irrep(g, Array(r.labels[offsets[i]..<offsets[i + 1]])) }
    }

    /// The dimension of a representation (the product of the factors' dimensions).
    public func dimension(of r: ProductIrrep) -> BigInt {
        irreps(of: r).reduce(BigInt.one) { $0 * $1.dimension }
    }

    /// The conjugate representation: conjugate irreps, negated charges.
    public func conjugate(of r: ProductIrrep) -> ProductIrrep {
        ProductIrrep(labels: irreps(of: r).flatMap(\.conjugate.labels), charges: r.charges.map { -$0 })
    }

    /// `(3, 2)_1/6`: names per simple factor, then the charges.
    public func name(of r: ProductIrrep) -> String {
        var s = "(" + irreps(of: r).map(\.name).joined(separator: ", ") + ")"
        if !r.charges.isEmpty { s += "_" + r.charges.map(\.description).joined(separator: ",") }
        return s
    }
}

/// An irreducible representation of a `ProductGroup`: the concatenated Dynkin labels of its simple factors' irreps
/// and its U(1) charges (exact rationals). Interpret it with the group (`ProductGroup.irreps(of:)`, `name(of:)`).
public struct ProductIrrep: Hashable, Sendable {
    public let labels: [Int]
    public let charges: [Rational]

    public init(labels: [Int], charges: [Rational]) { self.labels = labels; self.charges = charges }

    /// The irrep of G × H from one of G and one of H.
    public static func outer(_ a: ProductIrrep, _ b: ProductIrrep) -> ProductIrrep {
        ProductIrrep(labels: a.labels + b.labels, charges: a.charges + b.charges)
    }

    public var isTrivial: Bool { labels.allSatisfy { $0 == 0 } && charges.allSatisfy(\.isZero) }
}
