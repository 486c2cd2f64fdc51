import Foundation
import Exact
import Lagrangian

/// `lagrangify-bench builder [--fields N] [--count K] [--show "FIELDS"]`: in-process Lagrangians per second for random
/// field contents of 1 to 8 fields (seeded), with the cache emptied before every Lagrangian (cold), then warm
/// (what a corpus generator sees after its first few thousand examples); and the whole-process time of
/// `lagrangify "Q u d L e H" --generations 3` when the executable is built beside this one.
///
/// Baseline for the in-process rate: the same builds with the invariant cache cleared before each Lagrangian.
/// Also a whole-process timing baseline: `lagrangify --version` (process start-up alone).
enum BuilderSuite {
    /// The field sampler of issue 6's default regime: spins 0 and 1/2, SU(3) 1, 3, 3bar, 6, 8; SU(2) 1, 2, 3;
    /// Y from {0, ±1/6, ±1/3, ±1/2, ±2/3, ±1}; real scalars where allowed.
    static func randomFields(_ n: Int, rng: inout SplitMix64) -> [Field] {
        let su3: [[Int]] = [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1]]
        let su2: [[Int]] = [[0], [1], [2]]
        let ys = ["0", "1/6", "-1/6", "1/3", "-1/3", "1/2", "-1/2", "2/3", "-2/3", "1", "-1"]
        return (0..<n).map { i in
            let rep = GaugeRep(su3: su3[Int(rng.next() % 5)], su2: su2[Int(rng.next() % 3)],
                               hypercharge: Rational(ys[Int(rng.next() % UInt64(ys.count))])!)
            if rng.next() % 2 == 0 {
                return Field(name: "psi\(i)", spin: .weylFermion, rep: rep)
            }
            let real = rep.isSelfConjugate && rep.su2[0] % 2 == 0 && rng.next() % 2 == 0
            return Field(name: "phi\(i)", spin: .scalar, rep: rep, isReal: real)
        }
    }

    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func run(_ args: [String]) {
        if let i = args.firstIndex(of: "--show"), i + 1 < args.count {
            do {
                let l = try Lagrangian.build(parseFieldList(args[i + 1]))
                print(l.text())
            } catch { print("Error: \(error)") }
            return
        }
        let count = args.firstIndex(of: "--count").flatMap { Int(args[$0 + 1]) } ?? 200
        for n in [1, 2, 4, 6, 8] {
            var rng = SplitMix64(state: 0xB0_1D_00 + UInt64(n))
            let contents = (0..<count).map { _ in randomFields(n, rng: &rng) }
            var terms = 0
            // Cold: the cache emptied before every Lagrangian (each monomial structure computed from scratch).
            let cold = Bench.measure(warmup: 0, runs: 3) {
                for c in contents {
                    Lagrangian.clearInvariantCache()
                    terms += (try? Lagrangian.build(c))?.terms.count ?? 0
                }
            }
            // Warm: the cache filled by a first pass (what a corpus generator sees after a few thousand examples).
            let warm = Bench.measure(warmup: 1, runs: 5) {
                for c in contents { terms += (try? Lagrangian.build(c))?.terms.count ?? 0 }
            }
            // Warm, with the text rendering a corpus line needs.
            let text = Bench.measure(warmup: 1, runs: 3) {
                for c in contents { terms += (try? Lagrangian.build(c))?.text().count ?? 0 }
            }
            blackHole(terms)
            let r = Bench.Result(suite: "builder", name: "random-\(n)-fields", medianSeconds: warm / Double(count),
                                 baselineName: "cold-cache", baselineSeconds: cold / Double(count),
                                 extra: ["lagrangians_per_s_warm": String(format: "%.0f", Double(count) / warm),
                                         "lagrangians_per_s_cold": String(format: "%.0f", Double(count) / cold),
                                         "lagrangians_per_s_warm_with_text": String(format: "%.0f", Double(count) / text),
                                         "contents": String(count)])
            Bench.report(r)
        }
        // Whole process: the lagrangify executable next to this one.
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lagrangify").path
        if FileManager.default.isExecutableFile(atPath: exe) {
            let t = Bench.measure(warmup: 1, runs: 9) {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: exe)
                p.arguments = ["Q u d L e H", "--generations", "3"]
                p.standardOutput = FileHandle.nullDevice
                try? p.run(); p.waitUntilExit()
            }
            let base = Bench.measure(warmup: 1, runs: 9) {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: exe)
                p.arguments = ["--version"]
                p.standardOutput = FileHandle.nullDevice
                try? p.run(); p.waitUntilExit()
            }
            Bench.report(Bench.Result(suite: "builder", name: "process-SM-3-generations", medianSeconds: t,
                                      baselineName: "process-version", baselineSeconds: base, extra: [:]))
        } else {
            print("builder/process: \(exe) not built; run `swift build -c release` first")
        }
    }
}
