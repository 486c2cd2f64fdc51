import Exact

/// Gauge anomalies of the fermion content, as a note for the model builder. Sums run over left-handed Weyl fermions
/// (right-handed fields enter conjugated), each counted `generations` times.
///
/// Coefficients (SU(3) irrep (p,q) of dimension d₃, SU(2) irrep of isospin j and dimension d₂):
/// - SU(3)³: A(p,q) = (p−q)(p+2q+3)(2p+q+3)(p+1)(q+1)(p+q+2)/120, normalised so A(3) = 1
///   (checks: A(3̄) = −1, A(6) = 7, A(8) = 0, A(10) = 27, A(15) = 14).
/// - SU(3)²U(1): Σ T₃ d₂ Y with the Dynkin index T₃(p,q) = d₃ C₂(p,q)/8, C₂ = (p²+q²+pq+3p+3q)/3 (T(3) = 1/2, T(8) = 3).
/// - SU(2)²U(1): Σ T₂ d₃ Y with T₂(j) = j(j+1)(2j+1)/3 (T(2) = 1/2).
/// - U(1)³: Σ d Y³; mixed gravitational U(1): Σ d Y.
/// - Global SU(2) (Witten): Σ 2T₂(j)·d₃ over fermions must be even (an odd number of doublets is inconsistent).
public struct AnomalyReport: Sendable, Equatable {
    public let su3Cubed: Rational
    public let su3SquaredU1: Rational
    public let su2SquaredU1: Rational
    public let u1Cubed: Rational
    public let gravitationalU1: Rational
    /// Σ 2T₂(j)·d₃·n over fermions; odd means the global SU(2) anomaly is present.
    public let witten: Int

    public init(fields: [Field]) {
        var a3 = Rational.zero, a33y = Rational.zero, a22y = Rational.zero, y3 = Rational.zero, gy = Rational.zero
        var w = 0
        for f in fields where f.spin == .weylFermion {
            let n = Rational(f.generations)
            let p = f.rep.su3[0], q = f.rep.su3[1], j2 = f.rep.su2[0]       // j2 = 2j
            let d3 = (p + 1) * (q + 1) * (p + q + 2) / 2, d2 = j2 + 1
            let y = f.rep.hypercharge
            a3 += n * Rational((p - q) * (p + 2 * q + 3) * (2 * p + q + 3) * (p + 1) * (q + 1) * (p + q + 2), 120) * Rational(d2)
            let c2 = Rational(p * p + q * q + p * q + 3 * p + 3 * q, 3)
            let t3 = Rational(d3) * c2 / Rational(8)
            a33y += n * t3 * Rational(d2) * y
            // T₂(j) = j(j+1)(2j+1)/3 with j = j2/2: (j2/2)(j2/2+1)(j2+1)/3 = j2(j2+2)(j2+1)/12.
            let t2 = Rational(j2 * (j2 + 2) * (j2 + 1), 12)
            a22y += n * t2 * Rational(d3) * y
            y3 += n * Rational(d3 * d2) * y * y * y
            gy += n * Rational(d3 * d2) * y
            let twoT2 = (Rational(2) * t2).asInt!
            w += twoT2 * d3 * f.generations
        }
        su3Cubed = a3; su3SquaredU1 = a33y; su2SquaredU1 = a22y; u1Cubed = y3; gravitationalU1 = gy; witten = w
    }

    public var isAnomalyFree: Bool {
        [su3Cubed, su3SquaredU1, su2SquaredU1, u1Cubed, gravitationalU1].allSatisfy(\.isZero) && witten % 2 == 0
    }

    /// Human-readable lines: one summary line when anomaly free, otherwise one line per non-vanishing anomaly.
    public var lines: [String] {
        if isAnomalyFree { return ["Gauge anomalies: none (SU(3)³, SU(3)²U(1), SU(2)²U(1), U(1)³, grav²U(1) vanish; even number of SU(2) doublets)."] }
        var out: [String] = []
        let items: [(String, Rational)] = [("SU(3)³", su3Cubed), ("SU(3)²U(1)_Y", su3SquaredU1), ("SU(2)²U(1)_Y", su2SquaredU1),
                                           ("U(1)_Y³", u1Cubed), ("grav²U(1)_Y", gravitationalU1)]
        for (name, v) in items where !v.isZero { out.append("Gauge anomaly \(name) = \(v)") }
        if witten % 2 != 0 { out.append("Global SU(2) (Witten) anomaly: odd number (\(witten)) of SU(2) doublet-like fermions") }
        return ["Note: this fermion content is anomalous (add fermions to cancel it):"] + out.map { "  " + $0 }
    }
}
