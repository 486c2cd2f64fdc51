import Exact

/// One named entry of the field catalogue: the Standard Model and common extensions. An entry may stand for several
/// Weyl fields (a vector-like fermion is a left-handed field in R plus the conjugate of a right-handed one).
public struct CatalogueEntry: Sendable {
    /// The name typed on the command line (`Q`, `S1`, `Delta`).
    public let name: String
    /// Other accepted spellings (`Δ`, `R2tilde`).
    public let aliases: [String]
    public let description: String
    /// The fields it stands for, with one generation; `--generations` applies to fermions.
    public let fields: [Field]
}

private func rep(_ su3: String, _ su2: Int, _ y: String) -> GaugeRep {
    let labels: [String: [Int]] = ["1": [0, 0], "3": [1, 0], "3bar": [0, 1], "6": [2, 0], "8": [1, 1]]
    return GaugeRep(su3: labels[su3]!, su2: [su2 - 1], hypercharge: Rational(y)!)
}

private func scalar(_ n: String, _ r: GaugeRep, real: Bool = false) -> Field {
    Field(name: n, spin: .scalar, rep: r, isReal: real)
}

/// The catalogue (Q = T3 + Y). Standard Model entries follow ../shared/notes/physics.md; leptoquarks follow the
/// names and quantum numbers of Doršner, Fajfer, Greljo, Kamenik, Košnik, Phys. Rept. 641 (2016) 1 (their Y is ours).
public let fieldCatalogue: [CatalogueEntry] = [
    // Standard Model (every fermion a left-handed Weyl field; u, d, e, N declared right-handed).
    CatalogueEntry(name: "Q", aliases: [], description: "quark doublet",
                   fields: [Field(name: "Q", spin: .weylFermion, rep: rep("3", 2, "1/6"))]),
    CatalogueEntry(name: "u", aliases: [], description: "right-handed up quark (enters as ū: 3bar, 1, -2/3)",
                   fields: [.rightHanded(name: "u", rep: rep("3", 1, "2/3"))]),
    CatalogueEntry(name: "d", aliases: [], description: "right-handed down quark (enters as d̄: 3bar, 1, 1/3)",
                   fields: [.rightHanded(name: "d", rep: rep("3", 1, "-1/3"))]),
    CatalogueEntry(name: "L", aliases: [], description: "lepton doublet",
                   fields: [Field(name: "L", spin: .weylFermion, rep: rep("1", 2, "-1/2"))]),
    CatalogueEntry(name: "e", aliases: [], description: "right-handed electron (enters as ē: 1, 1, 1)",
                   fields: [.rightHanded(name: "e", rep: rep("1", 1, "-1"))]),
    CatalogueEntry(name: "N", aliases: ["nu"], description: "right-handed neutrino (enters as N̄: 1, 1, 0)",
                   fields: [.rightHanded(name: "N", rep: rep("1", 1, "0"))]),
    CatalogueEntry(name: "H", aliases: [], description: "Higgs doublet (complex scalar)",
                   fields: [scalar("H", rep("1", 2, "1/2"))]),
    // Extended scalar sectors.
    CatalogueEntry(name: "H2", aliases: [], description: "second Higgs doublet (2HDM), same quantum numbers as H",
                   fields: [scalar("H2", rep("1", 2, "1/2"))]),
    CatalogueEntry(name: "S", aliases: [], description: "real singlet scalar",
                   fields: [scalar("S", rep("1", 1, "0"), real: true)]),
    CatalogueEntry(name: "Sc", aliases: [], description: "complex singlet scalar",
                   fields: [scalar("Sc", rep("1", 1, "0"))]),
    CatalogueEntry(name: "Sigma", aliases: ["Σ"], description: "real triplet scalar (Y = 0)",
                   fields: [scalar("Sigma", rep("1", 3, "0"), real: true)]),
    CatalogueEntry(name: "Delta", aliases: ["Δ"], description: "complex triplet scalar (type-II seesaw, Y = 1)",
                   fields: [scalar("Delta", rep("1", 3, "1"))]),
    // Scalar leptoquarks.
    CatalogueEntry(name: "S1", aliases: [], description: "scalar leptoquark (3bar, 1, 1/3)",
                   fields: [scalar("S1", rep("3bar", 1, "1/3"))]),
    CatalogueEntry(name: "S1t", aliases: ["S1tilde", "S̃1"], description: "scalar leptoquark S̃1 (3bar, 1, 4/3)",
                   fields: [scalar("S1t", rep("3bar", 1, "4/3"))]),
    CatalogueEntry(name: "S3", aliases: [], description: "scalar leptoquark (3bar, 3, 1/3)",
                   fields: [scalar("S3", rep("3bar", 3, "1/3"))]),
    CatalogueEntry(name: "R2", aliases: [], description: "scalar leptoquark (3, 2, 7/6)",
                   fields: [scalar("R2", rep("3", 2, "7/6"))]),
    CatalogueEntry(name: "R2t", aliases: ["R2tilde", "R̃2"], description: "scalar leptoquark R̃2 (3, 2, 1/6)",
                   fields: [scalar("R2t", rep("3", 2, "1/6"))]),
    // Vector-like fermions: a left-handed Weyl field in R and a right-handed one in R (stored as its conjugate).
    vectorLike("VLQ", "vector-like quark doublet (3, 2, 1/6)", rep("3", 2, "1/6")),
    vectorLike("VLU", "vector-like up-type quark (3, 1, 2/3)", rep("3", 1, "2/3")),
    vectorLike("VLD", "vector-like down-type quark (3, 1, -1/3)", rep("3", 1, "-1/3")),
    vectorLike("VLL", "vector-like lepton doublet (1, 2, -1/2)", rep("1", 2, "-1/2")),
    vectorLike("VLE", "vector-like charged lepton (1, 1, -1)", rep("1", 1, "-1")),
]

private func vectorLike(_ name: String, _ about: String, _ r: GaugeRep) -> CatalogueEntry {
    CatalogueEntry(name: name, aliases: [], description: about + "; two Weyl fields \(name)_L, \(name)_R",
                   fields: [Field(name: name + "_L", spin: .weylFermion, rep: r),
                            .rightHanded(name: name + "_R", rep: r)])
}

/// Looks up a catalogue entry by name or alias (case-sensitive: `e` and `E` differ in physics).
public func catalogueEntry(named name: String) -> CatalogueEntry? {
    fieldCatalogue.first { $0.name == name || $0.aliases.contains(name) }
}
