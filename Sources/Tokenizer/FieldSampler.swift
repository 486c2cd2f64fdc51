import Exact
import Lagrangian

/// A small deterministic generator (SplitMix64, Steele et al. 2014): the corpus depends on nothing but the seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    /// The generator of example `index` of a corpus with `seed`: independent of threading and of other examples.
    public init(seed: UInt64, index: UInt64) {
        var s = SplitMix64(seed: seed ^ 0x5851_f42d_4c95_7f2d)
        state = s.next() ^ (index &* 0x9e37_79b9_7f4a_7c15)
        _ = next()
    }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// How random field lists are drawn (the two regimes of the paper, Koay et al.).
public enum SamplerRegime: String, Sendable, CaseIterable {
    /// Every quantum number drawn independently and uniformly: mostly kinetic and mass terms.
    case uniform
    /// Hypercharges chosen so that randomly drawn operators (mass, Yukawa, cubic, quartic patterns among the fields
    /// drawn so far) are U(1)-neutral, which makes interactions common.
    case interacting
}

/// Options of the field sampler. Defaults: SU(3) 1, 3, 3bar, 6, 8; SU(2) 1, 2, 3; hypercharges k/6 with |Y| ≤ 1.
public struct SamplerOptions: Sendable, Equatable {
    public var regime: SamplerRegime = .interacting
    /// Probability that a field is a fermion (else a scalar).
    public var fermionFraction: Double = 0.5
    /// SU(3) Dynkin labels to draw from.
    public var su3: [[Int]] = [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1]]
    /// SU(2) Dynkin labels (dimension − 1) to draw from.
    public var su2: [Int] = [0, 1, 2]
    /// Hypercharges (Q = T3 + Y) to draw from.
    public var hypercharges: [Rational] = (-6...6).map { Rational($0, 6) }
    /// Probability that a scalar whose representation can be real is made a real field (Y = 0).
    public var realFraction: Double = 0.3
    /// Probability that a fermion is declared right-handed (HEL 1 / 2).
    public var rightHandedFraction: Double = 0.5
    /// Probability, in the interacting regime, that a field's hypercharge is fixed by an operator pattern.
    public var interactionProbability: Double = 0.75
    /// Generations of every fermion.
    public var generations: Int = 1
    public init() {}

    /// A one-line description for manifests.
    public var summary: String {
        "regime=\(regime.rawValue) fermions=\(fermionFraction) su3=\(su3.map { GaugeRep.su3Name($0) }.joined(separator: ",")) su2=\(su2.map { String($0 + 1) }.joined(separator: ",")) y=\(hypercharges.map(\.description).joined(separator: ",")) real=\(realFraction) rh=\(rightHandedFraction) interaction=\(interactionProbability) generations=\(generations)"
    }
}

/// Draws random field lists.
public struct FieldSampler: Sendable {
    public let options: SamplerOptions
    public init(_ o: SamplerOptions) { options = o }

    private func unit(_ rng: inout SplitMix64) -> Double { Double(rng.next() >> 11) / Double(1 << 53) }

    /// `n` fields named F0 … F(n−1).
    public func sample(count n: Int, using rng: inout SplitMix64) -> [Field] {
        struct Draft { var fermion: Bool; var su3: [Int]; var su2: Int; var real: Bool; var y: Rational? }
        var drafts: [Draft] = []
        for _ in 0..<n {
            let fermion = unit(&rng) < options.fermionFraction
            let su3 = options.su3[Int(rng.next() % UInt64(options.su3.count))]
            let su2 = options.su2[Int(rng.next() % UInt64(options.su2.count))]
            let canBeReal = !fermion && su3[0] == su3[1] && su2 % 2 == 0 && options.hypercharges.contains(.zero)
            let real = canBeReal && unit(&rng) < options.realFraction
            drafts.append(Draft(fermion: fermion, su3: su3, su2: su2, real: real, y: real ? .zero : nil))
        }
        let order = (0..<n).shuffled(using: &rng)
        var assigned: [Int] = drafts.indices.filter { drafts[$0].y != nil }
        for k in order where drafts[k].y == nil {
            var y: Rational? = nil
            if options.regime == .interacting && !assigned.isEmpty && unit(&rng) < options.interactionProbability {
                // Up to 8 tries of a random operator pattern containing field k and 1–3 assigned fields.
                for _ in 0..<8 {
                    let m = 1 + Int(rng.next() % 3)
                    var others: [Int] = []
                    for _ in 0..<m { others.append(assigned[Int(rng.next() % UInt64(assigned.count))]) }
                    let fermions = others.filter { drafts[$0].fermion }.count + (drafts[k].fermion ? 1 : 0)
                    let total = others.count + 1
                    guard (fermions == 2 && total <= 3) || (fermions == 0 && total >= 2) else { continue }
                    // Sum of signed hypercharges: fermions enter unconjugated, scalars with a random sign.
                    var s = Rational.zero
                    for o in others { s += drafts[o].fermion || rng.next() % 2 == 0 ? drafts[o].y! : -drafts[o].y! }
                    let signK = drafts[k].fermion || rng.next() % 2 == 0 ? 1 : -1
                    let cand = signK == 1 ? -s : s
                    if options.hypercharges.contains(cand) { y = cand; break }
                }
            }
            drafts[k].y = y ?? options.hypercharges[Int(rng.next() % UInt64(options.hypercharges.count))]
            assigned.append(k)
        }
        return drafts.enumerated().map { i, d in
            let rep = GaugeRep(su3: d.su3, su2: [d.su2], hypercharge: d.y!)
            if d.fermion {
                let rh = unit(&rng) < options.rightHandedFraction
                return rh ? .rightHanded(name: "F\(i)", rep: rep.conjugate, generations: options.generations)
                          : Field(name: "F\(i)", spin: .weylFermion, rep: rep, generations: options.generations)
            }
            return Field(name: "F\(i)", spin: .scalar, rep: rep, isReal: d.real)
        }
    }
}
