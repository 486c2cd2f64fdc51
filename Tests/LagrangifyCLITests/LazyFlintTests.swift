import Testing
import Foundation
@testable import LagrangifyCLI

/// FLINT is loaded on the first FLINT call (Sources/CExactShim/flint_lazy.c), not at process start, so the ~3 ms its
/// dependency chain costs is paid only by work that needs numbers beyond 62 bits. These tests run the real
/// `lagrangify` executable (which `swift test` builds beside the test bundle) with LAGRANGIFY_FLINT pointing at a
/// file that does not exist: work that stays on machine integers must still succeed, and work that needs FLINT must
/// stop with exit 70 and a message that names the library and the fix.
@Suite struct LazyFlintTests {
    static let executable: URL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("lagrangify")

    static func run(_ args: [String], flint: String?) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["LAGRANGIFY_FLINT"] = flint
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func smallWorkNeverLoadsFlint() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path),
                     "build the lagrangify product first (swift build); looked for \(Self.executable.path)")
        let missing = "/nonexistent/libflint.so"
        // The SM Lagrangian and a small irrep: Int fast paths only, so FLINT is never needed.
        let sm = try Self.run(["Q u d L e H"], flint: missing)
        #expect(sm.code == 0 && sm.out.contains("λ₁ H†_i H^i H†_j H^j") && sm.err.isEmpty)
        let irrep = try Self.run(["irrep", "SU3", "(1,1)"], flint: missing)
        #expect(irrep.code == 0 && irrep.out.contains("dimension:         8"))
    }

    @Test func bigNumbersLoadFlintOrSayItIsMissing() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
        // Singlets in 2^⊗200 of SU(2) = Catalan C_100 = C(200,100)/101 (Python: math.comb(200, 100) // 101), ~2^189.
        let catalan100 = "896519947090131496687170070074100632420837521538745909320"
        let ok = try Self.run(["decompose", "SU2", "2^200", "--singlets"], flint: nil)
        #expect(ok.code == 0 && ok.out.trimmingCharacters(in: .whitespacesAndNewlines) == catalan100)
        let missing = try Self.run(["decompose", "SU2", "2^200", "--singlets"], flint: "/nonexistent/libflint.so")
        #expect(missing.code == 70)
        #expect(missing.err.contains("cannot load FLINT (/nonexistent/libflint.so)"))
        #expect(missing.err.contains("Scripts/install-deps.sh"))
    }
}

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
