import Testing
import Foundation
import Exact
import TestSupport
@testable import Lagrangian

/// Counts per monomial against LiE (`/usr/bin/lie`, Debian package `lie`), an independent implementation, when it is
/// installed. Group A2A1A1 = SU(3) × SU(2) × SU(2)_L; a monomial's count is the coefficient of X[0,0,0,0] in the
/// tensor product of sym_tensor (bosons) / alt_tensor (fermions) of each group of identical letters. Hypercharge is
/// abelian: the builder's monomials already have ΣY = 0.
@Suite struct BuilderLiETests {
    static let lie = "/usr/bin/lie"

    static func runLiE(_ script: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: lie)
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe; p.standardOutput = outPipe; p.standardError = outPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(script.utf8))
        try inPipe.fileHandleForWriting.close()
        let data = outPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The LiE expression for a monomial (sorted letters of one term).
    static func lieExpression(_ letters: [Letter], _ fields: [Field]) -> String {
        var groups: [(Letter, Int)] = []
        for l in letters {
            if let last = groups.last, last.0 == l { groups[groups.count - 1].1 += 1 } else { groups.append((l, 1)) }
        }
        let parts = groups.map { (l, k) -> String in
            let f = fields[l.field]
            let su3 = l.isConjugated ? [f.rep.su3[1], f.rep.su3[0]] : f.rep.su3
            let w = "[\(su3[0]),\(su3[1]),\(f.rep.su2[0]),\(f.spin == .weylFermion ? 1 : 0)]"
            return (f.spin == .weylFermion ? "alt_tensor" : "sym_tensor") + "(\(k),\(w))"
        }
        return parts.dropFirst().reduce(parts[0]) { "tensor(\($0),\($1))" }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: lie)))
    func countsAgreeWithLiE() throws {
        let seed: UInt64 = 8_128
        var rng = SeededRNG(seed: seed)
        var monomials: [([Letter], Int, String)] = []
        var l0: Lagrangian? = nil
        for _ in 0..<6 {
            let l = try Lagrangian.build(BuilderLawTests.randomFields(4, rng: &rng))
            l0 = l
            var byMonomial: [[Letter]: [Term]] = [:]
            for t in l.terms where t.kind != .kinetic { byMonomial[t.factors, default: []].append(t) }
            for (letters, terms) in byMonomial.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                let conj = letters.map { l.fields[$0.field].isReal || l.fields[$0.field].spin == .weylFermion ? $0
                                            : Letter(field: $0.field, isConjugated: !$0.isConjugated) }.sorted()
                let count = conj == letters && !letters.contains { l.fields[$0.field].spin == .weylFermion }
                    ? terms.reduce(0) { $0 + $1.operatorCount } : terms.count
                monomials.append((letters, count, Self.lieExpression(letters, l.fields)))
            }
        }
        _ = l0
        #expect(monomials.count >= 10, "too few monomials to compare (seed \(seed))")
        let script = "setdefault A2A1A1\n" + monomials.map { "print(\($0.2))\nprint(\"END\")\n" }.joined()
        let out = try Self.runLiE(script)
        let blocks = out.components(separatedBy: "END").dropLast()
        #expect(blocks.count == monomials.count, "LiE output: \(out.prefix(500))")
        for (block, m) in zip(blocks, monomials) {
            // coefficient of X[0,0,0,0], 0 when absent
            let flat = block.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: " ", with: "")
            var coeff = 0
            if let r = flat.range(of: "X[0,0,0,0]") {
                let before = flat[..<r.lowerBound]
                let digits = before.reversed().prefix { $0.isNumber }
                coeff = Int(String(digits.reversed())) ?? 0
            }
            #expect(coeff == m.1, "\(m.2): LiE \(coeff), builder \(m.1)")
        }
    }
}
