import Testing
import Foundation

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
        // E8's Weyl denominator Π(ρ, α) = 1!·7!·11!·13!·17!·19!·23!·29! ≈ 10^105 does not fit in 64 bits, yet a product
        // whose multiplicities and dimensions do must not need it. 248 ⊗ 248 = 1 + 248 + 3875 + 27000 + 30380
        // (Slansky, Table 48).
        let e8 = try Self.run(["decompose", "E8", "248 x 248"], flint: missing)
        #expect(e8.code == 0 && e8.out.contains("27000") && e8.out.contains("30380") && e8.err.isEmpty)
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
