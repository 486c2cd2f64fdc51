import Foundation
import Checker
import Lagrangian
import Tokenizer

/// `lagrangify-bench checker [--contents K] [--fuzz N] [--threads T]`: the checker's cost per candidate, against the
/// builder's cost for the same field content (baseline, warm cache: what guided decoding pays anyway), and the fuzz
/// run of issue 8 (N random and mutated candidates, default 10^5; the recorded run uses 10^6), which must end with
/// every candidate judged and no invariant violation.
///
/// Judged candidates per content (K contents from the corpus sampler, interacting regime, 1–6 fields, seed 8):
/// the canonical token sequence (decode + the `exact` shortcut), the builder's terms judged term by term
/// (`shortcut: false`, the full span comparison), and the interaction terms reversed (verdict `equivalent`).
enum CheckerSuite {
    static func run(_ args: [String]) {
        func option(_ name: String, _ d: Int) -> Int {
            if let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) { return v }
            return d
        }
        let contents = option("--contents", 200), fuzz = option("--fuzz", 100_000), threads = option("--threads", 2)
        var rng = SplitMix64(seed: 8)
        var fieldLists: [[Field]] = [], judges: [Judge] = [], tokens: [[String]] = []
        while judges.count < contents {
            let f = FieldSampler(SamplerOptions()).sample(count: 1 + Int(rng.next() % 6), using: &rng)
            guard let j = try? Judge(fields: f), let t = try? LagrangianTokens.encode(j.reference) else { continue }
            fieldLists.append(f); judges.append(j); tokens.append(t)
        }
        let terms = judges.map { $0.reference.terms.map(CandidateTerm.init) }
        let reversed = terms.map { ts in ts.filter { $0.kind == .kinetic } + ts.filter { $0.kind != .kinetic }.reversed() }
        let meanTerms = String(format: "%.1f", Double(terms.map(\.count).reduce(0, +)) / Double(contents))
        func build() { for f in fieldLists { blackHole(try? Lagrangian.build(f)) } }
        Bench.compare(suite: "checker", name: "tokens_exact_x\(contents)", baselineName: "builder_x\(contents)",
                      extra: ["mean_terms": meanTerms], ours: {
            for (j, t) in zip(judges, tokens) { blackHole(j.judge(tokens: t).verdict) }
        }, baseline: build)
        Bench.compare(suite: "checker", name: "full_analysis_x\(contents)", baselineName: "builder_x\(contents)",
                      extra: ["mean_terms": meanTerms], ours: {
            for (j, t) in zip(judges, terms) { blackHole(j.judge(t, shortcut: false).verdict) }
        }, baseline: build)
        var equivalent = 0
        Bench.compare(suite: "checker", name: "reversed_equivalent_x\(contents)", baselineName: "builder_x\(contents)",
                      ours: {
            equivalent = 0
            for (j, t) in zip(judges, reversed) where j.judge(t).verdict != .wrong { equivalent += 1 }
        }, baseline: build)
        print("reversed candidates judged exact or equivalent: \(equivalent)/\(contents)")

        // The fuzz run, split over `threads` independent seeds.
        let per = (fuzz + threads - 1) / threads
        let results = UnsafeMutableBufferPointer<CheckerFuzz.Summary>.allocate(capacity: threads)
        results.initialize(repeating: CheckerFuzz.Summary())
        nonisolated(unsafe) let r = results
        let t0 = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: threads) { k in r[k] = CheckerFuzz.run(count: per, seed: 0xF022_0000 &+ UInt64(k)) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        var total = CheckerFuzz.Summary()
        for s in results {
            total.cases += s.cases; total.grammarErrors += s.grammarErrors; total.violations += s.violations
            for (k, v) in s.verdicts { total.verdicts[k, default: 0] += v }
            for (k, v) in s.problems { total.problems[k, default: 0] += v }
        }
        results.deallocate()
        print("fuzz: \(total)")
        for v in total.violations.prefix(10) { print("VIOLATION \(v)") }
        Bench.report(Bench.Result(suite: "checker", name: "fuzz_x\(total.cases)", medianSeconds: seconds, baselineName: nil,
                                  baselineSeconds: nil,
                                  extra: ["threads": "\(threads)", "cases_per_s": String(format: "%.0f", Double(total.cases) / seconds),
                                          "violations": "\(total.violations.count)", "wrong": "\(total.verdicts[.wrong, default: 0])",
                                          "grammar_errors": "\(total.grammarErrors)"]))
    }
}
