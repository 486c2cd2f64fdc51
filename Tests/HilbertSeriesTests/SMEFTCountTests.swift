import Testing
import Exact
import LieGroups
import TestSupport
@testable import HilbertSeries

/// The Standard Model fields as count inputs (Q = T3 + Y; left-handed Weyl fermions, so u d e are the conjugates
/// ū d̄ ē in 3bar/1 with −Y; G W B field strengths).
func smFields(generations nf: Int) -> [CountField] {
    func f(_ n: String, _ t: LorentzType, _ su3: [Int], _ su2: [Int], _ y: Rational, _ fl: Int) -> CountField {
        CountField(name: n, lorentz: t, gaugeLabels: [su3, su2], charges: [y], flavours: fl)
    }
    let g = GaugeGroup.standardModel
    return [
        f("Q", .leftWeyl, [1, 0], [1], Rational(1, 6), nf),
        f("u", .leftWeyl, [0, 1], [0], Rational(-2, 3), nf),
        f("d", .leftWeyl, [0, 1], [0], Rational(1, 3), nf),
        f("L", .leftWeyl, [0, 0], [1], Rational(-1, 2), nf),
        f("e", .leftWeyl, [0, 0], [0], Rational(1), nf),
        f("H", .scalar, [0, 0], [1], Rational(1, 2), 1),
        .fieldStrength(name: "G", of: g, factor: 0),
        .fieldStrength(name: "W", of: g, factor: 1),
        .fieldStrength(name: "B", of: g, factor: nil),
    ]
}

func smeft(_ nf: Int, _ d: Int) throws -> OperatorCounts {
    try OperatorCounter(group: .standardModel, fields: smFields(generations: nf)).count(maxDimension: d)
}

/// Totals by dimension, one generation. Source: Henning, Lu, Melia, Murayama, "2, 84, 30, 993, 560, 15456, 11962,
/// 261485, ...: Higher dimension operators in the SM EFT", arXiv:1512.03433 (title: dimensions 5–12, N_f = 1, h.c.
/// counted). About a second in release.
@Test func smeftOneGeneration() throws {
    let c = try smeft(1, 12)
    #expect((5...12).map { c.total(dimension: $0) } == [2, 84, 30, 993, 560, 15456, 11962, 261485])
}

/// Three generations. Sources: dimension 5: 12 and dimension 6: 3045 (HLMM arXiv:1512.03433; 3045 = the 2499
/// baryon-conserving real parameters of Alonso, Jenkins, Manohar, Trott arXiv:1312.2014 + 2 × 273 baryon-violating
/// complex ones); dimension 7: 1542 (Lehman arXiv:1410.4193 as corrected by Liao and Ma arXiv:1607.07309; HLMM);
/// dimension 8: 44807 (Murphy arXiv:2005.00059; Li, Ren, Shu, Xiao, Yu, Zheng arXiv:2005.00008);
/// dimension 9: 90456 (Li, Ren, Xiao, Yu, Zheng arXiv:2007.07899, "We list the 90456 (560) operators").
@Test func smeftThreeGenerations() throws {
    let c = try smeft(3, 9)
    #expect((5...9).map { c.total(dimension: $0) } == [12, 3045, 1542, 44807, 90456])
}

/// The dimension-6 Warsaw-basis classes with one generation (Grzadkowski, Iskrzyński, Misiak, Rosiek,
/// arXiv:1008.4884, Tables 2–3, counting each non-hermitian operator and its conjugate): X³ 4 (G, G̃, W, W̃),
/// φ⁶ 1, φ⁴D² 2, X²φ² 8, ψ²φ³ 3+3, ψ²Xφ 8+8, ψ²φ²D 7+2 (φud and its h.c.), ψ⁴ 38 = 20 hermitian
/// (LL)(LL), (RR)(RR), (LL)(RR) + 2 (ledq, h.c.) + 8 (quqd(1,8), lequ(1,3), h.c.) + 8 (duq, qqu, qqq, duu, h.c.).
@Test func smeftDimension6Classes() throws {
    let c = try smeft(1, 6)
    let byClass = Dictionary(uniqueKeysWithValues: c.byLorentzClass(dimension: 6).map { ($0.0.ascii, $0.1) })
    #expect(byClass == ["X^3": 4, "phi^6": 1, "phi^4 D^2": 2, "X^2 phi^2": 8, "psi^2 phi^3": 6,
                        "X psi^2 phi": 16, "psi^2 phi^2 D": 9, "psi^4": 38])
}

/// Single field contents at dimension 6 as polynomials in N_f, from the HLMM Hilbert series as transcribed in
/// johngarg/neutrinomass (neutrinomass/tensormethod/hs.py, H6): Q³L (N_f² + 2N_f⁴)/3, L²L†² (N_f² + N_f⁴)/2,
/// ē²ē†² (N_f² + 2N_f³ + N_f⁴)/4, Q²Q†² N_f² + N_f⁴, d̄Q²ū 2N_f⁴, ēQ†²ū (N_f³ + N_f⁴)/2, ē L H H†² N_f²,
/// H H† Q Q† D 2N_f², H²H†² D² 2.
@Test(arguments: [1, 3])
func smeftDimension6Contents(_ nf: Int) throws {
    let c = try smeft(nf, 6)
    let n = nf
    #expect(c.count(of: ["Q": 3, "L": 1], derivatives: 0) == (n * n + 2 * n * n * n * n) / 3)
    #expect(c.count(of: ["L": 2, "L†": 2], derivatives: 0) == (n * n + n * n * n * n) / 2)
    #expect(c.count(of: ["e": 2, "e†": 2], derivatives: 0) == (n * n + 2 * n * n * n + n * n * n * n) / 4)
    #expect(c.count(of: ["Q": 2, "Q†": 2], derivatives: 0) == n * n + n * n * n * n)
    #expect(c.count(of: ["d": 1, "Q": 2, "u": 1], derivatives: 0) == 2 * n * n * n * n)
    #expect(c.count(of: ["e": 1, "Q†": 2, "u": 1], derivatives: 0) == (n * n * n + n * n * n * n) / 2)
    #expect(c.count(of: ["e": 1, "L": 1, "H": 1, "H†": 2], derivatives: 0) == n * n)
    #expect(c.count(of: ["H": 1, "H†": 1, "Q": 1, "Q†": 1], derivatives: 1) == 2 * n * n)
    #expect(c.count(of: ["H": 2, "H†": 2], derivatives: 2) == 2)
}

/// H_0 before ΔH, hand-derived from the characters (no gauge group): a complex singlet scalar gives
/// CT[(1/P)·P(1 − p²)] = φ(1 − p²), so −1 at φ p² (□φ, a total derivative); φφ† p² is −1 (the conserved U(1)
/// current); ψψ† p is −1 (the fermion-number current). ΔH removes exactly these, leaving the physical 0.
@Test func deltaHCancelsFreeFieldTerms() throws {
    let g = GaugeGroup(simpleFactors: [], u1Count: 0)
    let fields = [CountField(name: "s", lorentz: .scalar, gaugeLabels: [], charges: []),
                  CountField(name: "f", lorentz: .leftWeyl, gaugeLabels: [], charges: [])]
    let counter = try OperatorCounter(group: g, fields: fields)
    let h0 = try counter.count(maxDimension: 4, applyingDeltaH: false)
    #expect(h0.count(of: ["s": 1], derivatives: 2) == -1)
    #expect(h0.count(of: ["s": 1, "s†": 1], derivatives: 2) == -1)
    #expect(h0.count(of: ["f": 1, "f†": 1], derivatives: 1) == -1)
    // Every derivative class at dimension ≤ 4 is non-positive in H_0, and absent after ΔH.
    #expect(h0.classes.allSatisfy { $0.derivatives == 0 || $0.dimension > 4 || $0.count <= 0 })
    let h = try counter.count(maxDimension: 4)
    #expect(h.classes.allSatisfy { $0.derivatives == 0 })
    // Non-derivative operators of s and f up to dimension 4, by hand: s, s† (1); s², s†², ss† (2); f f (a Majorana
    // mass: Λ² of the (1/2,0) spinor is the singlet ε), f†f† (3); the 4 cubics, s f f, s f†f†, s† f f, s† f† f† and
    // the 5 quartics (4 + 4 + 5 at dimension 3 and 4 counting s and s† separately).
    #expect(h.total(dimension: 1) == 2)
    #expect(h.total(dimension: 2) == 3)
    #expect(h.total(dimension: 3) == 4 + 2)
    #expect(h.total(dimension: 4) == 5 + 4)
}

/// The fast counter against the naive Molien–Weyl route (one big Laurent polynomial, PE, constant terms factor by
/// factor) on random small models: same classes, same counts.
@Test func fastCounterMatchesMolienWeylReference() throws {
    let seed: UInt64 = 91
    var rng = SeededRNG(seed: seed)
    let g = GaugeGroup(simpleFactors: [.su2], u1Count: 1)
    let types: [LorentzType] = [.scalar, .leftWeyl, .leftWeyl, .scalar]
    var compared = 0
    for trial in 0..<5 {
        var fields: [CountField] = []
        for i in 0..<Int.random(in: 2...3, using: &rng) {
            let t = types.randomElement(using: &rng)!
            fields.append(CountField(name: "f\(i)", lorentz: t, gaugeLabels: [[Int.random(in: 0...2, using: &rng)]],
                                     charges: [Rational(Int.random(in: -2...2, using: &rng), 2)],
                                     flavours: Int.random(in: 1...2, using: &rng)))
        }
        if Bool.random(using: &rng) { fields.append(.fieldStrength(name: "W", of: g, factor: 0)) }
        let d = 6
        let fast = try OperatorCounter(group: g, fields: fields).count(maxDimension: d).classes.sorted {
            $0.content == $1.content ? $0.derivatives < $1.derivatives : $0.content.lexicographicallyPrecedes($1.content)
        }
        let ref = try MolienWeyl.referenceCounts(group: g, fields: fields, maxDimension: d)
        #expect(fast == ref, "seed \(seed) trial \(trial): \(fields.map(\.name))")
        compared += ref.count
    }
    #expect(compared >= 20, "seed \(seed): the random models produced only \(compared) classes; the comparison is too weak")
}
