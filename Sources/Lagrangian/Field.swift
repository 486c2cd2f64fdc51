import Exact

/// Conventions (stated once for the whole module):
/// - Gauge group SU(3)_c × SU(2)_L × U(1)_Y with Q = T3 + Y, so Y(H) = +1/2.
/// - Every fermion is a **left-handed Weyl field**. A right-handed field ψ_R in representation R with hypercharge Y
///   enters as its conjugate ψ^c = (ψ_R)^c, a left-handed field in R̄ with −Y. The field keeps its user-facing name
///   (`u`) and remembers that it was declared right-handed, so output can print it as ū.
/// - Mass dimensions: scalar 1, fermion 3/2, derivative 1.

/// Spin of a matter field.
public enum Spin: String, Sendable, Hashable, CaseIterable {
    case scalar             // spin 0
    case weylFermion        // spin 1/2, stored as a left-handed Weyl field
}

/// A representation of SU(3) × SU(2) × U(1)_Y: Dynkin labels for the two simple factors and an exact hypercharge.
public struct GaugeRep: Sendable, Hashable, CustomStringConvertible {
    /// SU(3) Dynkin labels (p, q): (1,0) = 3, (0,1) = 3̄, (2,0) = 6, (1,1) = 8.
    public let su3: [Int]
    /// SU(2) Dynkin label (p): dimension p + 1.
    public let su2: [Int]
    /// Hypercharge in the Q = T3 + Y normalisation.
    public let hypercharge: Rational

    public init(su3: [Int], su2: [Int], hypercharge: Rational) {
        precondition(su3.count == 2 && su2.count == 1 && (su3 + su2).allSatisfy { $0 >= 0 },
                     "GaugeRep needs SU(3) labels (p,q) and SU(2) label (p), non-negative; got \(su3) \(su2)")
        self.su3 = su3; self.su2 = su2; self.hypercharge = hypercharge
    }

    /// The complex-conjugate representation: (p,q) → (q,p) for SU(3); SU(2) irreps are self-conjugate; Y → −Y.
    public var conjugate: GaugeRep { GaugeRep(su3: [su3[1], su3[0]], su2: su2, hypercharge: -hypercharge) }

    /// True when the representation is equivalent to its conjugate (real or pseudo-real).
    public var isSelfConjugate: Bool { su3[0] == su3[1] && hypercharge.isZero }

    /// True when the representation is real (orthogonal), so a real scalar can carry it: SU(3) irreps (p,p) are real,
    /// SU(2) irreps are real for integer isospin (odd dimension) and pseudo-real otherwise, Y = 0.
    public var isReal: Bool { isSelfConjugate && su2[0] % 2 == 0 }

    /// SU(3) dimension (p+1)(q+1)(p+q+2)/2 and SU(2) dimension p+1.
    public var su3Dimension: Int { (su3[0] + 1) * (su3[1] + 1) * (su3[0] + su3[1] + 2) / 2 }
    public var su2Dimension: Int { su2[0] + 1 }
    public var dimension: Int { su3Dimension * su2Dimension }

    /// `(3, 2, 1/6)`, with `3bar` for conjugates and labels for irreps without a short name.
    public var description: String { "(\(GaugeRep.su3Name(su3)), \(su2Dimension), \(hypercharge))" }

    /// Short SU(3) names for the irreps a physicist writes every day; Dynkin labels otherwise.
    public static func su3Name(_ l: [Int]) -> String {
        switch (l[0], l[1]) {
        case (0, 0): return "1"
        case (1, 0): return "3"
        case (0, 1): return "3bar"
        case (2, 0): return "6"
        case (0, 2): return "6bar"
        case (1, 1): return "8"
        case (3, 0): return "10"
        case (0, 3): return "10bar"
        case (2, 1): return "15"
        case (1, 2): return "15bar"
        case (2, 2): return "27"
        default: return "(\(l[0]),\(l[1]))"
        }
    }
}

/// A matter field as the builder sees it: spin, the representation of its **left-handed** component, reality,
/// and the number of generations (flavours).
public struct Field: Sendable, Hashable, CustomStringConvertible {
    /// The name the user gave (`Q`, `u`, `Phi`). Unique within a field list.
    public let name: String
    public let spin: Spin
    /// Representation of the field as stored: for fermions, of the left-handed Weyl field (already conjugated when
    /// the user declared a right-handed field).
    public let rep: GaugeRep
    /// A real scalar (φ = φ*): its representation must be self-conjugate with Y = 0.
    public let isReal: Bool
    /// The user declared a right-handed fermion; `rep` is that of its left-handed conjugate.
    public let declaredRightHanded: Bool
    /// Number of flavours (generations), ≥ 1.
    public let generations: Int

    public init(name: String, spin: Spin, rep: GaugeRep, isReal: Bool = false, declaredRightHanded: Bool = false,
                generations: Int = 1) {
        precondition(!isReal || (spin == .scalar && rep.isReal), "a real field must be a scalar in a real representation with Y = 0")
        precondition(!declaredRightHanded || spin == .weylFermion, "only fermions have a handedness")
        precondition(generations >= 1, "generations must be at least 1")
        self.name = name; self.spin = spin; self.rep = rep; self.isReal = isReal
        self.declaredRightHanded = declaredRightHanded; self.generations = generations
    }

    /// Builds a right-handed fermion from the quantum numbers of its right-handed component (R, Y): it is stored as
    /// the left-handed conjugate in R̄ with −Y.
    public static func rightHanded(name: String, rep: GaugeRep, generations: Int = 1) -> Field {
        Field(name: name, spin: .weylFermion, rep: rep.conjugate, declaredRightHanded: true, generations: generations)
    }

    /// The same field spelled as the left-handed Weyl field the builder works with: a declared right-handed fermion
    /// becomes a left-handed one in the same (conjugate) representation, named as the text output writes it (ū, chiᶜ).
    /// Same physics, one spelling: a model trained on `lagrangify corpus --right-handed-fraction 0` reads fields this
    /// way. Other fields are returned unchanged.
    public var leftHandedSpelling: Field {
        guard declaredRightHanded else { return self }
        return Field(name: Field.conjugateName(name), spin: .weylFermion, rep: rep, generations: generations)
    }

    /// The name of a right-handed field's left-handed conjugate: ū for a one-letter name, chiᶜ otherwise.
    public static func conjugateName(_ name: String) -> String { name.count == 1 ? name + "\u{0304}" : name + "ᶜ" }

    /// Quantum numbers as the user would write them: the right-handed component's for a declared right-handed field.
    public var userRep: GaugeRep { declaredRightHanded ? rep.conjugate : rep }

    /// Mass dimension: 1 for scalars, 3/2 for fermions.
    public var massDimension: Rational { spin == .scalar ? Rational(1) : Rational(3, 2) }

    /// The same field with a different number of generations.
    public func withGenerations(_ n: Int) -> Field {
        Field(name: name, spin: spin, rep: rep, isReal: isReal, declaredRightHanded: declaredRightHanded, generations: n)
    }

    public var description: String {
        let kind: String
        switch spin {
        case .scalar: kind = isReal ? "real scalar" : "complex scalar"
        case .weylFermion: kind = declaredRightHanded ? "right-handed Weyl fermion" : "left-handed Weyl fermion"
        }
        return "\(name): \(kind) \(userRep)" + (generations > 1 ? " ×\(generations)" : "")
    }
}
