import Exact

/// One term of the Hilbert series: a field content (power of each spurion), a number of derivatives, and the number
/// of independent operators with exactly that content after EOM and IBP (h.c. counted separately, every flavour
/// component counted).
public struct OperatorClass: Sendable, Hashable {
    /// Power of each spurion, in the counter's spurion order.
    public let content: [Int]
    public let derivatives: Int
    /// Mass dimension (integer: Lorentz invariance needs an even number of fermions).
    public let dimension: Int
    public let count: Int
}

/// The coarse classes of the SMEFT literature (Grzadkowski et al. 2010, HLMM): numbers of field strengths X (either
/// chirality), fermions ψ (either chirality), scalars φ, and derivatives D. `X²φ²`, `ψ²φ²D`, `ψ⁴` at dimension 6.
public struct LorentzClass: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let fieldStrengths: Int
    public let fermions: Int
    public let scalars: Int
    public let derivatives: Int

    public init(fieldStrengths: Int, fermions: Int, scalars: Int, derivatives: Int) {
        self.fieldStrengths = fieldStrengths; self.fermions = fermions; self.scalars = scalars
        self.derivatives = derivatives
    }

    private var powers: [(String, String, Int)] {
        [("X", "X", fieldStrengths), ("psi", "ψ", fermions), ("phi", "φ", scalars), ("D", "D", derivatives)]
            .filter { $0.2 > 0 }
    }

    /// `X^2 phi^2`, `psi^2 phi^2 D`, `psi^4` (ASCII, for JSON and terminals).
    public var ascii: String {
        let p = powers.map { $0.2 == 1 ? $0.0 : "\($0.0)^\($0.2)" }
        return p.isEmpty ? "1" : p.joined(separator: " ")
    }

    /// `X²φ²`, `ψ²φ²D`, `ψ⁴`.
    public var description: String {
        let p = powers.map { $0.2 == 1 ? $0.1 : $0.1 + LorentzClass.superscript($0.2) }
        return p.isEmpty ? "1" : p.joined()
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(n).map { digits[Int(String($0))!] })
    }

    /// Ordered as the SMEFT tables: more field strengths first, then more scalars, fewer fermions, fewer derivatives.
    public static func < (a: LorentzClass, b: LorentzClass) -> Bool {
        (-a.fieldStrengths, a.fermions, -a.scalars, a.derivatives) < (-b.fieldStrengths, b.fermions, -b.scalars, b.derivatives)
    }
}

/// All operator counts up to a maximum dimension, graded by field content and derivatives.
public struct OperatorCounts: Sendable {
    public let spurions: [Spurion]
    /// Every class with a non-zero count, dimension ≤ `maxDimension`.
    public let classes: [OperatorClass]
    public let maxDimension: Int

    /// Number of operators of mass dimension d.
    public func total(dimension d: Int) -> Int {
        classes.lazy.filter { $0.dimension == d }.reduce(0) { $0 + $1.count }
    }

    /// The Lorentz class of one operator class.
    public func lorentzClass(of c: OperatorClass) -> LorentzClass {
        var x = 0, f = 0, s = 0
        for (i, n) in c.content.enumerated() where n > 0 {
            let t = spurions[i].lorentz
            if t.left + t.right == 2 { x += n } else if t.isFermion { f += n } else { s += n }
        }
        return LorentzClass(fieldStrengths: x, fermions: f, scalars: s, derivatives: c.derivatives)
    }

    /// Counts at dimension d summed by Lorentz class, in table order.
    public func byLorentzClass(dimension d: Int) -> [(LorentzClass, Int)] {
        var acc: [LorentzClass: Int] = [:]
        for c in classes where c.dimension == d { acc[lorentzClass(of: c), default: 0] += c.count }
        return acc.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The field content as text: `Q² Q†² H H† D²`.
    public func contentDescription(_ c: OperatorClass) -> String {
        var parts: [String] = []
        for (i, n) in c.content.enumerated() where n > 0 {
            parts.append(n == 1 ? spurions[i].name : spurions[i].name + LorentzClass.superscript(n))
        }
        if c.derivatives > 0 { parts.append(c.derivatives == 1 ? "D" : "D" + LorentzClass.superscript(c.derivatives)) }
        return parts.joined(separator: " ")
    }

    /// The count of one field content given as spurion name → power (names as in `spurions`, e.g. `["Q": 2, "Q†": 2]`).
    public func count(of powers: [String: Int], derivatives: Int) -> Int {
        let content = spurions.map { powers[$0.name] ?? 0 }
        return classes.first { $0.content == content && $0.derivatives == derivatives }?.count ?? 0
    }
}
