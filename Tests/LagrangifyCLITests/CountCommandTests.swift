import Testing
import Lagrangian
import LagrangifyCLI
import TestSupport

/// Runs `lagrangify ARGS` in-process.
private func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
    let o = Output()
    let c = Lagrangify.main(arguments: args, output: o)
    return (c, o.stdout, o.stderr)
}

/// `lagrangify count`: the issue-5 examples. Values: HLMM arXiv:1512.03433 (84; 3045 with three generations).
@Test func countCommandSMEFT() {
    #expect(run(["count", "--dim", "6", "Q u d L e H G W B"]).out == "84\n")
    #expect(run(["count", "--dim", "6", "--generations", "3", "Q u d L e H G W B"]).out == "3045\n")
    let json = run(["count", "--dim", "5", "--format", "json", "Q u d L e H G W B"])
    #expect(json.code == 0 && json.out.hasPrefix("{\"dimension\":5,\"operators\":2,\"classes\":[{\"class\":\"psi^2 phi^2\",\"operators\":2}]}"))
    let byClass = run(["count", "--dim", "6", "--by-class", "Q u d L e H G W B"]).out
    #expect(byClass.contains("ψ⁴           38") && byClass.contains("X³           4"))
}

/// Bad input: exit 64 naming the token.
@Test func countCommandBadInput() {
    let r = run(["count", "--dim", "6", "Q Gx"])
    #expect(r.code == 64 && r.err.contains("'Gx'"))
    #expect(run(["count", "Q"]).code == 64)
    #expect(run(["count", "--dim", "6", "--max-dim", "8", "Q"]).code == 64)
    #expect(run(["count", "--dim", "6", "G G"]).code == 64)
}

/// The two routes to the renormalizable Lagrangian agree: for random field contents, the builder's operator count
/// (explicit contractions, exact rank; kinetic terms not counted) equals the Hilbert-series count of dimension ≤ 4
/// (where ΔH leaves only non-derivative operators).
@Test func countMatchesBuilderOnRandomContents() throws {
    let seed: UInt64 = 5
    var rng = SeededRNG(seed: seed)
    let menu = ["Q", "u", "d", "L", "e", "N", "H", "H2", "S", "Sc", "Sigma", "Delta", "S1", "R2t", "S3",
                "VLL", "F(1,2,0)", "F(3,1,1/3,R)", "S(1,2,1/2)", "RS(8,1,0)", "F(1,3,0)x2", "S(3,1,-1/3)"]
    for trial in 0..<12 {
        var picked: [String] = []
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let m = menu.randomElement(using: &rng)!
            if !picked.contains(m) { picked.append(m) }
        }
        // Unnamed fields get distinct automatic names from the parser.
        let text = picked.joined(separator: " ")
        let gens = Int.random(in: 1...2, using: &rng)
        let fields = try parseFieldList(text, options: FieldParseOptions(generations: gens))
        let builder = try Lagrangian.build(fields).operatorCount
        let r = run(["count", "--max-dim", "4", "--generations", "\(gens)", text])
        let hilbert = r.out.split(separator: "\n").compactMap { line -> Int? in
            let w = line.split(separator: " "); return w.count >= 3 ? Int(w[2]) : nil
        }.reduce(0, +)
        #expect(r.code == 0 && builder == hilbert, "seed \(seed) trial \(trial): \(text) ×\(gens): builder \(builder), Hilbert \(hilbert)")
    }
}
