import Testing
import Foundation
@testable import LagrangifyCLI

/// `decompose --format lie` prints what LiE prints: the same text as LiE's own output once whitespace is removed
/// (labels, multiplicities, LiE's lexicographic term order), for products in several algebras, an SU(3) case with
/// a thousand terms and a plethysm. LiE (/usr/bin/lie, Debian `lie`) is the independent source.
@Suite struct LiEFormatTests {
    @Test func lieFormatIsLiEsOwnText() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/lie"), "install LiE (Scripts/install-deps.sh)")
        let cases: [(group: String, expr: String, lie: String)] = [
            ("A2", "(3,1) x (2,2)", "tensor([3,1],[2,2],A2)"),
            ("SU3", "(60,50) x (40,55)", "tensor([60,50],[40,55],A2)"),
            ("G2", "(1,1) x (0,2)", "tensor([1,1],[0,2],G2)"),
            ("SO10", "(1,1,0,1,1) x (0,1,1,0,0)", "tensor([1,1,0,1,1],[0,1,1,0,0],D5)"),
            ("E6", "27 x 27 x 27", "tensor(tensor([1,0,0,0,0,0],[1,0,0,0,0,0],E6),X[1,0,0,0,0,0],E6)"),
            ("SU3", "S[3,2,1](8)", "plethysm([3,2,1],[1,1],A2)"),
        ]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/lie")
        let input = Pipe(), output = Pipe()
        p.standardInput = input; p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(cases.map { $0.lie + "\nprint(\"@@\")\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let lie = text.components(separatedBy: "@@").dropLast().map { $0.filter { !$0.isWhitespace } }
        try #require(lie.count == cases.count)
        for (c, expected) in zip(cases, lie) {
            let o = Output()
            let code = Lagrangify.main(arguments: ["decompose", c.group, c.expr, "--format", "lie"], output: o)
            #expect(code == 0)
            let ours = o.stdout.filter { !$0.isWhitespace }
            #expect(ours == expected, "\(c.group) \(c.expr): ours \(ours.prefix(80))… LiE \(expected.prefix(80))…")
        }
    }
}
