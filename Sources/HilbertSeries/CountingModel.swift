import Exact
import LieGroups

/// Why a count could not be produced. Bad input names the offending value; the others say what limit was hit.
public enum HilbertSeriesError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A field or group specification that makes no sense (wrong label count, negative labels, generations < 1…).
    case badInput(String)
    /// An intermediate coefficient left the 64-bit range (the count is never wrapped; ask for a lower dimension).
    case overflow(String)
    /// A character would need an unreasonably large weight box.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .badInput(let m): return m
        case .overflow(let m): return "cannot compute exactly in 64 bits: \(m); lower the dimension"
        case .tooLarge(let m): return "too large: \(m)"
        }
    }
}

/// The internal symmetry group of a counting problem: a product of simple factors (any simple Lie algebra, by
/// Dynkin labels in Bourbaki/LiE conventions) and a number of U(1) factors (exact rational charges).
/// The Lorentz group SU(2)_l × SU(2)_r is always there and is not listed.
public struct GaugeGroup: Sendable, Hashable {
    public let simpleFactors: [SimpleLieAlgebra]
    public let u1Count: Int

    public init(simpleFactors: [SimpleLieAlgebra], u1Count: Int) {
        precondition(u1Count >= 0)
        self.simpleFactors = simpleFactors; self.u1Count = u1Count
    }

    /// SU(3)_c × SU(2)_L × U(1)_Y.
    public static var standardModel: GaugeGroup { GaugeGroup(simpleFactors: [.su3, .su2], u1Count: 1) }

    /// Number of fugacities of the simple factors together (sum of ranks).
    public var rank: Int { simpleFactors.reduce(0) { $0 + $1.rank } }
}

/// The Lorentz representation of a field as Dynkin labels (2j_l, 2j_r) of SU(2)_l × SU(2)_r. Only free-field
/// (unitarity-bound) representations are allowed: scalars (0,0), Weyl fermions (1,0)/(0,1) and field strengths
/// (2,0)/(0,2); their conformal characters with the equations of motion removed are Σ_k p^k (a+k, b+k).
public struct LorentzType: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let left: Int
    public let right: Int

    public init(left: Int, right: Int) {
        precondition(LorentzType.allowed.contains([left, right]),
                     "LorentzType: (\(left),\(right)) is not a free-field representation; use (0,0) (1,0) (0,1) (2,0) (0,2)")
        self.left = left; self.right = right
    }

    static let allowed: Set<[Int]> = [[0, 0], [1, 0], [0, 1], [2, 0], [0, 2]]

    public static let scalar = LorentzType(left: 0, right: 0)
    public static let leftWeyl = LorentzType(left: 1, right: 0)
    public static let rightWeyl = LorentzType(left: 0, right: 1)
    public static let leftFieldStrength = LorentzType(left: 2, right: 0)
    public static let rightFieldStrength = LorentzType(left: 0, right: 2)

    /// Fermions have half-integer spin.
    public var isFermion: Bool { (left + right) % 2 == 1 }
    /// Mass dimension in units of 1/2: scalar 2, fermion 3, field strength 4 (canonical dimensions 1, 3/2, 2).
    public var halfDimension: Int { 2 + left + right }
    public var conjugate: LorentzType { LorentzType(left: right, right: left) }

    public static func < (a: LorentzType, b: LorentzType) -> Bool { (a.left, a.right) < (b.left, b.right) }
    public var description: String { "(\(left),\(right))" }
}

/// One field as the counter sees it: Lorentz type, gauge labels per simple factor, U(1) charges, flavours, and
/// whether it is real (its own conjugate). A complex field brings its conjugate as a second spurion automatically.
///
/// A gauge field enters through its field strength: `CountField.fieldStrength(name:adjointOf:)` is the left-handed
/// part X_L = (2,0) in the adjoint; its conjugate X_R = (0,2) is added like any conjugate.
public struct CountField: Sendable, Hashable {
    public let name: String
    public let lorentz: LorentzType
    /// Dynkin labels per simple factor of the group, in order.
    public let gaugeLabels: [[Int]]
    /// Charges under each U(1), in order.
    public let charges: [Rational]
    /// Number of flavours (generations); every flavour component is counted.
    public let flavours: Int
    /// A real field (φ = φ*): one spurion, no conjugate. Requires a self-conjugate representation.
    public let isReal: Bool

    public init(name: String, lorentz: LorentzType, gaugeLabels: [[Int]], charges: [Rational], flavours: Int = 1,
                isReal: Bool = false) {
        self.name = name; self.lorentz = lorentz; self.gaugeLabels = gaugeLabels; self.charges = charges
        self.flavours = flavours; self.isReal = isReal
    }

    /// The left-handed field strength of a gauge factor (`G_L` of SU(3) is `fieldStrength(name: "G", …)`):
    /// Lorentz (2,0), adjoint of `factor` (index into the group's simple factors), trivial elsewhere, or a U(1)
    /// field strength when `factor` is nil.
    public static func fieldStrength(name: String, of group: GaugeGroup, factor: Int?) -> CountField {
        let labels = group.simpleFactors.enumerated().map { i, g in
            i == factor ? g.highestRoot : [Int](repeating: 0, count: g.rank)
        }
        return CountField(name: name, lorentz: .leftFieldStrength, gaugeLabels: labels,
                          charges: [Rational](repeating: .zero, count: group.u1Count))
    }

    /// Checks the field against the group; throws `badInput` naming the field.
    func validate(in group: GaugeGroup) throws(HilbertSeriesError) {
        guard gaugeLabels.count == group.simpleFactors.count else {
            throw .badInput("field '\(name)' has labels for \(gaugeLabels.count) simple factors; the group has \(group.simpleFactors.count)")
        }
        for (l, g) in zip(gaugeLabels, group.simpleFactors) {
            guard l.count == g.rank, l.allSatisfy({ $0 >= 0 }) else {
                throw .badInput("field '\(name)': \(l) is not a list of \(g.rank) non-negative Dynkin labels of \(g)")
            }
        }
        guard charges.count == group.u1Count else {
            throw .badInput("field '\(name)' has \(charges.count) U(1) charges; the group has \(group.u1Count)")
        }
        guard flavours >= 1 else { throw .badInput("field '\(name)': flavours must be at least 1, got \(flavours)") }
        if isReal {
            let selfConjugate = zip(gaugeLabels, group.simpleFactors).allSatisfy { l, g in g.irrep(l).isSelfConjugate }
            guard selfConjugate, charges.allSatisfy(\.isZero), lorentz.left == lorentz.right else {
                throw .badInput("field '\(name)' is declared real but its representation is not self-conjugate")
            }
        }
    }
}

/// One spurion of the Hilbert series: a field or the conjugate of a complex field.
public struct Spurion: Sendable, Hashable, CustomStringConvertible {
    /// `Q`, or `Q†` for the conjugate.
    public let name: String
    /// Index of the field in the counter's field list.
    public let fieldIndex: Int
    public let isConjugate: Bool
    public let lorentz: LorentzType
    public let gaugeLabels: [[Int]]
    public let charges: [Rational]
    public let flavours: Int

    public var isFermion: Bool { lorentz.isFermion }
    public var halfDimension: Int { lorentz.halfDimension }
    public var description: String { name }
}

extension CountField {
    /// The spurions of this field: itself, and its conjugate unless real. A field strength X_L is named `G_L` and
    /// its conjugate `G_R`; other conjugates get a dagger.
    func spurions(index: Int, group: GaugeGroup) -> [Spurion] {
        let isStrength = lorentz.left + lorentz.right == 2 && lorentz.left != lorentz.right
        let own = Spurion(name: isStrength ? name + (lorentz.left == 2 ? "_L" : "_R") : name, fieldIndex: index,
                          isConjugate: false, lorentz: lorentz, gaugeLabels: gaugeLabels, charges: charges,
                          flavours: flavours)
        if isReal { return [own] }
        let conjLabels = zip(gaugeLabels, group.simpleFactors).map { l, g in g.irrep(l).conjugate.labels }
        let conj = Spurion(name: isStrength ? name + (lorentz.left == 2 ? "_R" : "_L") : name + "†", fieldIndex: index,
                           isConjugate: true, lorentz: lorentz.conjugate, gaugeLabels: conjLabels,
                           charges: charges.map { -$0 }, flavours: flavours)
        return [own, conj]
    }
}
