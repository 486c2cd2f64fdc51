import Foundation
import Testing
import Exact
import TestSupport
@testable import LieGroups

/// LiE (van Leeuwen, Cohen, Lisser; Debian package `lie`) as an independent peer: random tensor products, triple
/// products, symmetric and alternating powers and plethysms in A1, A2, A3, B2, G2, D4 and E6, compared irrep by irrep.
/// LiE prints polynomials `c X[labels]` in the same (Bourbaki) labelling, so no translation is needed.
/// Skipped, with a message, when /usr/bin/lie is absent (Scripts/test.sh installs it).
@Suite(.enabled(if: LiE.available, "LiE is not installed at /usr/bin/lie (apt-get install lie); peer tests skipped"))
struct LiEPeerTests {
    static let seed: UInt64 = 0x11E_2026

    @Test(arguments: ["A1", "A2", "A3", "B2", "G2", "D4", "E6"])
    func randomCasesAgreeWithLiE(_ name: String) throws {
        let g = try SimpleLieAlgebra.parse(name)
        var rng = SeededRNG(seed: LiEPeerTests.seed ^ UInt64(name.hashValue & 0xFFFF))
        var cases: [(script: String, ours: () throws -> Decomposition, what: String)] = []
        func lab(_ r: Irrep) -> String { "[" + r.labels.map(String.init).joined(separator: ",") + "]" }
        let bigCap = g.rank >= 6 ? 3000 : 400, smallCap = g.rank >= 6 ? 80 : 40
        for _ in 0..<6 {
            let a = randomIrrep(g, maxDim: bigCap, &rng), b = randomIrrep(g, maxDim: bigCap, &rng)
            cases.append(("tensor(\(lab(a)),\(lab(b)),\(g))", { try Decomposition(a).tensor(Decomposition(b)) },
                          "\(a) ⊗ \(b)"))
        }
        for _ in 0..<2 {
            let a = randomIrrep(g, maxDim: smallCap * 2, &rng), b = randomIrrep(g, maxDim: smallCap, &rng)
            let c = randomIrrep(g, maxDim: smallCap, &rng)
            cases.append(("tensor(tensor(\(lab(a)),\(lab(b)),\(g)),X\(lab(c)),\(g))",
                          { try Decomposition(a).tensor(Decomposition(b)).tensor(Decomposition(c)) }, "\(a) ⊗ \(b) ⊗ \(c)"))
        }
        for k in 2...4 {
            let a = randomIrrep(g, maxDim: k == 4 ? smallCap / 2 : smallCap, &rng)
            cases.append(("sym_tensor(\(k),\(lab(a)),\(g))", { try Decomposition(a).symmetricPower(k) }, "Sym^\(k) \(a)"))
            cases.append(("alt_tensor(\(k),\(lab(a)),\(g))", { try Decomposition(a).alternatingPower(k) }, "Alt^\(k) \(a)"))
        }
        for p in [[2, 1], [3, 1], [2, 2], [2, 1, 1]] {
            let a = randomIrrep(g, maxDim: smallCap / 2, &rng)
            let ps = "[" + p.map(String.init).joined(separator: ",") + "]"
            cases.append(("plethysm(\(ps),\(lab(a)),\(g))", { try Decomposition(a).plethysm(p) }, "S\(p) \(a)"))
        }
        let outputs = try LiE.run(cases.map(\.script))
        #expect(outputs.count == cases.count)
        for (c, out) in zip(cases, outputs) {
            let theirs = LiE.polynomial(out)
            let ours = try c.ours().multiplicities
            #expect(ours == theirs, "\(g): \(c.what) (LiE: \(c.script)); seed \(LiEPeerTests.seed)")
        }
    }

    @Test func singletsInPowersAgreeWithLiE() throws {
        // SU(3) 8^⊗n and E8 248^⊗n singlets (LiE folds `tensor`; scalars are big integers there).
        let script = ["p=X[1,1]; t=p; for i=2 to 10 do t=tensor(t,p,A2) od; t|[0,0]",
                      "p=X[0,0,0,0,0,0,0,1]; t=p; for i=2 to 4 do t=tensor(t,p,E8) od; t|[0,0,0,0,0,0,0,0]"]
        let out = try LiE.run(script).map { $0.filter { !$0.isWhitespace } }
        let eight = Decomposition(SimpleLieAlgebra.su3.irrep([1, 1]))
        #expect(try eight.singletsInTensorPower(10).description == out[0])
        let adj = Decomposition(SimpleLieAlgebra.get(.E8).adjoint)
        #expect(try adj.singletsInTensorPower(4).description == out[1])
    }
}

/// A random irrep with dimension ≤ maxDim: grow random labels while the dimension allows.
func randomIrrep(_ g: SimpleLieAlgebra, maxDim: Int, _ rng: inout SeededRNG) -> Irrep {
    var labels = [Int](repeating: 0, count: g.rank)
    for _ in 0..<(2 * g.rank + 2) {
        let i = Int.random(in: 0..<g.rank, using: &rng)
        labels[i] += 1
        if Irrep.weylDimension(g, labels) > BigInt(maxDim) { labels[i] -= 1 }
    }
    return g.irrep(labels)
}

enum LiE {
    static let path = "/usr/bin/lie"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Runs the commands in one LiE process, separated by a printed marker; returns each command's output.
    static func run(_ commands: [String]) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        let script = commands.map { $0 + "\nprint(\"@@\")\n" }.joined()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        var parts = text.components(separatedBy: "@@")
        parts.removeLast()
        return parts
    }

    /// Parses `1X[0,0] +2X[1,1] -1X[3,0]` (any whitespace and line breaks) into labels → coefficient.
    static func polynomial(_ text: String) -> [[Int]: BigInt] {
        let s = Array(text.filter { !$0.isWhitespace })
        var r: [[Int]: BigInt] = [:]
        var i = 0
        while i < s.count {
            var j = i
            var coefficient = ""
            while j < s.count, s[j] != "X" { coefficient.append(s[j]); j += 1 }
            guard j < s.count else { break }
            if coefficient.hasPrefix("+") { coefficient.removeFirst() }
            let close = s[j...].firstIndex(of: "]")!
            let labels = String(s[(j + 2)..<close]).split(separator: ",").map { Int($0)! }
            r[labels, default: .zero] += BigInt(coefficient.isEmpty ? "1" : coefficient)!
            i = close + 1
        }
        return r.filter { !$0.value.isZero }
    }
}
