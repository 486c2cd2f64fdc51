import Foundation
import Lagrangian
import Tokenizer

/// `lagrangify-bench tokenizer [--count K]`: corpus generation rate (examples drawn per second, all cores, files
/// written) against the same examples generated on one thread; encode + decode time per Lagrangian against the
/// (warm) build time; and output sequence lengths for the sampler regimes and irrep sets.
enum TokenizerSuite {
    static func run(_ args: [String]) {
        var count = 4000
        if let i = args.firstIndex(of: "--count"), i + 1 < args.count, let k = Int(args[i + 1]) { count = k }
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lagrangify-bench-corpus-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        var o = CorpusOptions()
        o.examples = count; o.seed = 7; o.commandLine = "bench"
        // Warm the builder's cache once so both sides see the same (warm) state.
        _ = try? CorpusWriter.write(to: dir, options: o)
        var drawn = 0
        let r = Bench.compare(suite: "tokenizer", name: "corpus_\(count)_all_cores", baselineName: "one_thread", warmup: 0, runs: 3,
                              extra: ["cores": "\(ProcessInfo.processInfo.activeProcessorCount)"],
                              ours: { drawn = (try? CorpusWriter.write(to: dir, options: o))?.attempts ?? 0 },
                              baseline: {
                                  var n = 0
                                  for i in 0..<UInt64(count) { if CorpusWriter.example(i, seed: 7, fields: 1...6, options: o) != nil { n += 1 } }
                                  blackHole(n)
                              })
        print(String(format: "tokenizer: %.0f examples/s drawn on all cores (%d drawn), one thread %.0f/s",
                     Double(drawn) / r.medianSeconds, drawn, Double(count) / (r.baselineSeconds ?? 1)))

        // Encode + decode vs build, over the same fields.
        var rng = SplitMix64(seed: 3)
        let sampler = FieldSampler(SamplerOptions())
        let lists = (0..<500).map { sampler.sample(count: 1 + $0 % 6, using: &rng) }
        let ls = lists.compactMap { try? Lagrangian.build($0) }
        Bench.compare(suite: "tokenizer", name: "encode_decode_500", baselineName: "build_warm_500", runs: 5,
                      ours: {
                          var n = 0
                          for l in ls {
                              let t = (try? LagrangianTokens.encode(l)) ?? []
                              n += (try? LagrangianTokens.decode(t, fields: l.fields))?.terms.count ?? 0
                          }
                          blackHole(n)
                      },
                      baseline: { for f in lists { blackHole(try? Lagrangian.build(f)) } })

        // Sequence lengths.
        for (name, regime, su3) in [("interacting_default", SamplerRegime.interacting, [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1]]),
                                    ("uniform_default", .uniform, [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1]]),
                                    ("interacting_su3_1_3_3bar", .interacting, [[0, 0], [1, 0], [0, 1]])] {
            var so = SamplerOptions(); so.regime = regime; so.su3 = su3
            var co = CorpusOptions(); co.sampler = so
            var lens: [Int] = [], ins: [Int] = []
            for i in 0..<2000 {
                if let e = CorpusWriter.example(UInt64(i), seed: 11, fields: 1...6, options: co) { lens.append(e.output.count); ins.append(e.input.count) }
            }
            lens.sort()
            let mean = Double(lens.reduce(0, +)) / Double(max(1, lens.count))
            print(String(format: "tokenizer/lengths %@: output mean %.1f median %d p95 %d max %d; input mean %.1f max %d",
                         name, mean, lens[lens.count / 2], lens[lens.count * 95 / 100], lens.last!, Double(ins.reduce(0, +)) / Double(ins.count), ins.max()!))
            print("BENCH {\"suite\":\"tokenizer\",\"name\":\"lengths_\(name)\",\"output_mean\":\(String(format: "%.2f", mean)),\"output_median\":\(lens[lens.count / 2]),\"output_p95\":\(lens[lens.count * 95 / 100]),\"output_max\":\(lens.last!)}")
        }
    }
}
